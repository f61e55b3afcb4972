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
 * Graphs are built once per inner-loop shape (steps, query set, needs) and kept open.
 */
final class UnrolledRunner implements TaskRunner {

    private record Key(int steps, int support, int query, Set<Need> needs) {
    }

    private record Compiled(UnrolledGraph graph, OrtModelSession session) {
    }

    private final OnnxDifferentiableModel model;
    private final ProviderContext context;
    private final Map<Key, Compiled> compiled = new HashMap<>();

    UnrolledRunner(OnnxDifferentiableModel model, ProviderContext context) {
        this.model = model;
        this.context = context;
    }

    @Override
    public Outcome adapt(Flat theta, Dataset support, Dataset scored, InnerLoop loop, Set<Need> needs) {
        Dataset query = scored == null || scored.size() == 0 ? null : scored;
        Set<Need> key = needs.isEmpty() ? EnumSet.noneOf(Need.class) : EnumSet.copyOf(needs);
        Compiled c = compiled.computeIfAbsent(new Key(loop.steps(), support.size(), query == null ? 0 : query.size(),
                key), k -> {
            UnrolledGraph g = UnrolledGraph.build(model.step(), model.input(), k.steps(), k.support(), k.query(),
                    k.needs());
            return new Compiled(g, OrtRuntime.open(g.model.toByteArray(), "unrolled inner loop", context));
        });
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
            feed.put(UnrolledGraph.LR, OrtRuntime.tensor(Tensor.ofFloats(new float[] {(float) loop.lr()}), created));
            try (OrtSession.Result r = c.session().session().run(feed)) {
                float[] losses = new float[g.losses.size()];
                for (int i = 0; i < losses.length; i++) {
                    losses[i] = floats(r, g.losses.get(i))[0];
                }
                Flat adapted = vector(r, theta, g.adapted);
                List<Flat> trajectory = new ArrayList<>();
                for (List<String> t : g.trajectory) {
                    trajectory.add(t == g.parameters ? theta.copy() : vector(r, theta, t));
                }
                List<Flat> gradients = new ArrayList<>();
                for (List<String> t : g.gradients) {
                    gradients.add(vector(r, theta, t));
                }
                Flat outer = g.outerGradient == null ? null : vector(r, theta, g.outerGradient);
                if (query == null) {
                    return new Outcome(adapted, losses, Double.NaN, Double.NaN, null, outer, trajectory, gradients);
                }
                return new Outcome(adapted, losses, floats(r, g.queryBefore)[0], floats(r, g.queryAfter)[0],
                        floats(r, g.queryPrediction), outer, trajectory, gradients);
            }
        } catch (OrtException e) {
            throw new XferException("the unrolled inner loop failed in ONNX Runtime: " + e.getMessage(), e);
        } finally {
            created.forEach(OnnxTensor::close);
        }
    }

    private static Flat vector(OrtSession.Result r, Flat layout, List<String> names) throws OrtException {
        float[][] v = new float[names.size()][];
        for (int k = 0; k < v.length; k++) {
            v[k] = floats(r, names.get(k));
        }
        return layout.with(v);
    }

    private static float[] floats(OrtSession.Result r, String name) {
        FloatBuffer b = ((OnnxTensor) r.get(name).orElseThrow()).getFloatBuffer();
        float[] v = new float[b.remaining()];
        b.get(v);
        return v;
    }

    @Override
    public void close() {
        compiled.values().forEach(c -> c.session().close());
        compiled.clear();
    }
}
