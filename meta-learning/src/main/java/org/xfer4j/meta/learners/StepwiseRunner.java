package org.xfer4j.meta.learners;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.xfer4j.api.InvalidOptionException;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.meta.DifferentiableModel;
import org.xfer4j.api.meta.LossAndGradient;

/**
 * The inner loop through any {@link DifferentiableModel}, one call per step (on the step's mini-batch where the loop
 * has one); second-order MAML back-propagates the
 * query gradient g through the K SGD steps as g := g - lr * H(theta_i) g, one Hessian-vector product per step.
 */
final class StepwiseRunner implements TaskRunner {

    private final DifferentiableModel model;
    private final UnrolledRunner bySupport;

    /**
     * Adapts {@code model}; where {@code bySupport} is given, query sets are scored (and differentiated) by it, so
     * that they normalise by the support set's batch statistics.
     */
    StepwiseRunner(DifferentiableModel model, UnrolledRunner bySupport) {
        this.model = model;
        this.bySupport = bySupport;
    }

    @Override
    public Outcome adapt(Flat theta, Dataset support, Dataset query, InnerLoop loop, Set<Need> needs) {
        boolean second = needs.contains(Need.META_GRADIENT);
        if (second && (loop.optimizer() != OptimizerKind.SGD || !model.supportsSecondOrder())) {
            throw new InvalidOptionException("second-order MAML needs innerOptimizer=sgd and a model with "
                    + "Hessian-vector products");
        }
        boolean keep = second || needs.contains(Need.TRAJECTORY);
        FlatOptimizer inner = new FlatOptimizer(loop.optimizer());
        Flat current = theta.copy();
        float[] losses = new float[loop.steps() + 1];
        List<Flat> trajectory = new ArrayList<>();
        List<Flat> gradients = new ArrayList<>();
        for (int i = 0; i < loop.steps(); i++) {
            LossAndGradient lg = model.lossAndGradient(current.toParameters(), loop.batchOf(support, i));
            losses[i] = (float) lg.loss();
            Flat g = theta.like(lg.gradient());
            if (keep) {
                trajectory.add(current.copy());
                gradients.add(g);
            }
            inner.apply(current, g, loop.lr(), i + 1);
        }
        if (keep) {
            trajectory.add(current.copy());
        }
        losses[loop.steps()] = (float) model.lossAndGradient(current.toParameters(), support).loss();
        if (query == null) {
            return new Outcome(current, losses, Double.NaN, Double.NaN, null, null, trajectory, gradients, null);
        }
        if (bySupport != null) {
            return scoredBySupport(theta, current, support, query, loop, needs, losses, trajectory, gradients);
        }
        double before = model.lossAndGradient(theta.toParameters(), query).loss();
        LossAndGradient after = model.lossAndGradient(current.toParameters(), query);
        Flat outer = null;
        if (second) {
            outer = theta.like(after.gradient());
            backThroughSteps(outer, trajectory, support, loop);
        } else if (needs.contains(Need.QUERY_GRADIENT)) {
            outer = theta.like(after.gradient());
        }
        float[] outputs = outputs(current, query);
        return new Outcome(current, losses, before, after.loss(), outputs, outer,
                needs.contains(Need.TRAJECTORY) ? trajectory : List.of(),
                needs.contains(Need.TRAJECTORY) ? gradients : List.of(), null);
    }

    /** The query scored by {@link #bySupport} at the initialisation and at the adapted parameters. */
    private Outcome scoredBySupport(Flat theta, Flat current, Dataset support, Dataset query, InnerLoop loop,
            Set<Need> needs, float[] losses, List<Flat> trajectory, List<Flat> gradients) {
        InnerLoop none = new InnerLoop(0, loop.lr(), OptimizerKind.SGD);
        boolean second = needs.contains(Need.META_GRADIENT);
        double before = bySupport.adapt(theta, support, query, none, Set.of()).queryAfter();
        Outcome after = bySupport.adapt(current, support, query, none, second || needs.contains(Need.QUERY_GRADIENT)
                ? Set.of(Need.QUERY_GRADIENT) : Set.of());
        Flat outer = after.outerGradient();
        if (second) {
            backThroughSteps(outer, trajectory, support, loop);
        }
        return new Outcome(current, losses, before, after.queryAfter(), after.queryOutputs(), outer,
                needs.contains(Need.TRAJECTORY) ? trajectory : List.of(),
                needs.contains(Need.TRAJECTORY) ? gradients : List.of(), null);
    }

    /** Second order: g := g - lr * H(theta_i) g for the steps in reverse, in place. */
    private void backThroughSteps(Flat outer, List<Flat> trajectory, Dataset support, InnerLoop loop) {
        for (int i = loop.steps() - 1; i >= 0; i--) {
            Flat hv = outer.like(model.hessianVectorProduct(trajectory.get(i).toParameters(),
                    loop.batchOf(support, i), outer.toParameters()));
            outer.addScaled(-loop.lr(), hv);
        }
    }

    private float[] outputs(Flat current, Dataset query) {
        try {
            return model.outputs(current.toParameters(), query).floats();
        } catch (UnsupportedOperationException e) {
            return null; // the model keeps its outputs to itself; accuracy is then not reported
        }
    }

    @Override
    public void close() {
        // the model, and the graphs bySupport keeps with it, belong to the caller
    }
}
