package org.xfer4j.meta.learners;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.XferException;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.data.Tensor;
import org.xfer4j.runtime.onnx.OrtModelSession;
import org.xfer4j.runtime.onnx.OrtRuntime;
import org.xfer4j.training.OnnxDifferentiableModel;

/**
 * The inner loop of an ONNX graph model as one {@link UnrolledGraph} per task: one ONNX Runtime call adapts a task.
 * Graphs are built once per inner-loop shape (steps, set sizes, needs) and kept open with the model.
 */
final class UnrolledRunner implements TaskRunner {

    private record Key(int steps, int support, int query, Set<Need> needs, LeapRule leap, BatchNormMode batchNorm) {
    }

    private record Compiled(UnrolledGraph graph, OrtModelSession session) implements AutoCloseable {
        @Override
        public void close() {
            session.close();
        }
    }

    private final OnnxDifferentiableModel model;
    private final BatchNormMode batchNorm;
    private final ProviderContext context;

    /** Adapts {@code model}; where it normalises by batch statistics, query sets by {@code batchNorm}'s choice. */
    UnrolledRunner(OnnxDifferentiableModel model, BatchNormMode batchNorm, ProviderContext context) {
        this.model = model;
        this.batchNorm = batchNorm;
        this.context = context;
    }

    @Override
    public Outcome adapt(Flat theta, Dataset support, Dataset scored, InnerLoop loop, Set<Need> needs) {
        Dataset query = scored == null || scored.size() == 0 ? null : scored;
        Set<Need> key = needs.isEmpty() ? EnumSet.noneOf(Need.class) : EnumSet.copyOf(needs);
        Compiled c = compiled(new Key(loop.steps(), support.size(), query == null ? 0 : query.size(),
                key, needs.contains(Need.TRAJECTORY) ? loop.leap() : null, batchNorm));
        UnrolledGraph g = c.graph();
        return run(c, theta, support, query, loop.lr(), r -> {
            float[] scalars = floats(r, UnrolledGraph.SCALARS);
            float[] losses = java.util.Arrays.copyOf(scalars, loop.steps() + 1);
            Flat adapted = theta.unflatten(floats(r, UnrolledGraph.ADAPTED));
            Flat outer = g.outer ? theta.unflatten(floats(r, UnrolledGraph.OUTER)) : null;
            Flat leap = g.leap ? theta.unflatten(floats(r, UnrolledGraph.LEAP)) : null;
            if (query == null) {
                return new Outcome(adapted, losses, Double.NaN, Double.NaN, null, outer, List.of(), List.of(),
                        leap);
            }
            return new Outcome(adapted, losses, scalars[losses.length], scalars[losses.length + 1],
                    g.queryPrediction == null ? null : floats(r, g.queryPrediction), outer, List.of(), List.of(),
                    leap);
        });
    }

    private Compiled compiled(Key key) {
        return model.cached(key, k -> {
            UnrolledGraph g = UnrolledGraph.build(model.step(), model.input(), k.steps(), k.support(), k.query(),
                    k.needs(), k.leap(), k.batchNorm());
            // without layout rewrites: 6-13 % less CPU per first-order meta-step on the few-shot CNN (bench/README)
            return new Compiled(g, OrtRuntime.open(g.model.toByteArray(), "unrolled inner loop", context, false,
                    true));
        });
    }

    /** Runs {@code c}'s graph on the task and reads what {@code read} wants from the results. */
    private <T> T run(Compiled c, Flat theta, Dataset support, Dataset query, double lr,
            java.util.function.Function<OrtSession.Result, T> read) {
        UnrolledGraph g = c.graph();
        List<OnnxTensor> created = new ArrayList<>();
        try {
            Map<String, OnnxTensor> feed = new HashMap<>();
            feed.put(UnrolledGraph.SUPPORT_X, OrtRuntime.tensor(model.inputs(support), created));
            feed.put(UnrolledGraph.SUPPORT_Y, OrtRuntime.tensor(model.labels(support), created));
            if (query != null) {
                feed.put(UnrolledGraph.QUERY_X, OrtRuntime.tensor(model.inputs(query), created));
                feed.put(UnrolledGraph.QUERY_Y, OrtRuntime.tensor(model.labels(query), created));
            }
            for (int k = 0; k < g.parameters.size(); k++) {
                feed.put(g.parameters.get(k), OrtRuntime.tensor(Tensor.ofFloats(theta.values[k], theta.shapes.get(k)),
                        created));
            }
            feed.put(UnrolledGraph.LR, OrtRuntime.tensor(Tensor.ofFloats(new float[] {(float) lr}), created));
            try (OrtSession.Result r = c.session().session().run(feed)) {
                return read.apply(r);
            }
        } catch (OrtException e) {
            throw new XferException("the unrolled inner loop failed in ONNX Runtime: " + e.getMessage(), e);
        } finally {
            created.forEach(OnnxTensor::close);
        }
    }

    /**
     * The support set's batch-norm statistics at {@code theta} (mean and variance of each batch norm, in the step's
     * {@link org.xfer4j.training.autodiff.TrainingStep#batchStatistics} order, flattened together).
     */
    float[] supportStatistics(Flat theta, Dataset support) {
        Compiled c = compiled(new Key(0, support.size(), 0, EnumSet.noneOf(Need.class), null, batchNorm));
        return run(c, theta, support, null, 0, r -> floats(r, UnrolledGraph.STATISTICS));
    }

    /** The step whose graphs it unrolls. */
    org.xfer4j.training.autodiff.TrainingStep step() {
        return model.step();
    }

    private static float[] floats(OrtSession.Result r, String name) {
        FloatBuffer b = ((OnnxTensor) r.get(name).orElseThrow()).getFloatBuffer();
        float[] v = new float[b.remaining()];
        b.get(v);
        return v;
    }

    @Override
    public void close() {
        // the compiled loops stay with the model, for the next run
    }
}
