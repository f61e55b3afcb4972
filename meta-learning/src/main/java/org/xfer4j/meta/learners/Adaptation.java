package org.xfer4j.meta.learners;

import java.util.Set;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.meta.DifferentiableModel;
import org.xfer4j.api.meta.Parameters;

/**
 * Plain SGD fine-tuning of an initialisation on a support set, as evaluation protocols adapt (for example 32 steps
 * at 0.02); keeps its compiled inner loop open across tasks, so close it after use.
 */
public final class Adaptation implements AutoCloseable {

    /** The scores of one adapted task. */
    public record Score(double queryBefore, double queryAfter, float[] supportLosses) {
    }

    private final TaskRunner runner;
    private final InnerLoop loop;

    /** {@code steps} SGD steps at {@code lr} on {@code model}, unrolled into one graph where the model allows. */
    public Adaptation(DifferentiableModel model, int steps, double lr, ProviderContext context) {
        MetaOptions o = PlainOptions.REPTILE.meta();
        this.runner = Runners.of(model, new MetaOptions(steps, lr, OptimizerKind.SGD, o.outerLr(),
                o.outerOptimizer(), 1, 1, false, 0, 0, true), context);
        this.loop = new InnerLoop(steps, lr, OptimizerKind.SGD);
    }

    /** The parameters after adapting {@code init} on {@code support}. */
    public Parameters adapt(Parameters init, Dataset support) {
        return runner.adapt(Flat.of(init), support, null, loop, Set.of()).adapted().toParameters();
    }

    /** The query loss of {@code init} before and after adapting on {@code support}. */
    public Score score(Parameters init, Dataset support, Dataset query) {
        Outcome o = runner.adapt(Flat.of(init), support, query, loop, Set.of());
        return new Score(o.queryBefore(), o.queryAfter(), o.supportLosses());
    }

    @Override
    public void close() {
        runner.close();
    }
}
