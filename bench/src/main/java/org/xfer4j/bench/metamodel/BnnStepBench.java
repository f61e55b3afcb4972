package org.xfer4j.bench.metamodel;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.feature.FeatureSet;
import org.xfer4j.core.Xfer;
import org.xfer4j.data.split.Splits;
import org.xfer4j.repurposers.metamodel.bnn.BnnProvider;
import org.xfer4j.runtime.onnx.OrtModelSession;
import org.xfer4j.runtime.onnx.OrtRuntime;

/**
 * Training-step cost of {@code bnn}'s variational inference, two ways, side by side in one run: the product's Java
 * implementation ({@code BnnProvider.fit}: float64 BLAS products through Smile, closed-form gradients, Adam) and
 * the same objective built as an ONNX graph and differentiated by the training engine ({@link VariationalStepGraph}),
 * run by ONNX Runtime each step with fresh noise inputs, the gradients read back and Adam applied in Java. Same
 * network (one ReLU hidden layer of 64), batch 32, steps and features (20 training examples per class drawn from
 * the real features of {@link BnnCalibration}); rounds alternate who goes first, the median counts.
 * <p>
 * Usage: {@code BnnStepBench [steps] [rounds]} (defaults 500 and 3)
 */
public final class BnnStepBench {

    private static final int WIDTH = 64;
    private static final int BATCH = 32;
    private static final int SHOTS = 20;

    private BnnStepBench() {
    }

    public static void main(String[] args) throws OrtException {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        List<BnnCalibration.Task> tasks;
        try (Xfer xfer = Xfer.builder().build()) {
            tasks = List.of(BnnCalibration.text(xfer), BnnCalibration.image(xfer));
        }
        System.out.println("| features | d | classes | Java ms/step (rounds) | ONNX Runtime ms/step (rounds) | ratio ONNX / Java |");
        System.out.println("|---|---|---|---|---|---|");
        for (BnnCalibration.Task t : tasks) {
            FeatureSet train = t.train().select(Splits.perClass(t.train().labels(),
                    IntStream.range(0, t.train().size()).toArray(), SHOTS, 42));
            double[] java = new double[rounds];
            double[] onnx = new double[rounds];
            try (OnnxRoute route = new OnnxRoute(train)) {
                javaRoute(train, 20); // warm-up: JIT and BLAS initialisation
                route.train(20);
                for (int r = 0; r < rounds; r++) {
                    if (r % 2 == 0) {
                        java[r] = javaRoute(train, steps);
                        onnx[r] = route.train(steps);
                    } else {
                        onnx[r] = route.train(steps);
                        java[r] = javaRoute(train, steps);
                    }
                }
                System.out.printf(Locale.ROOT, "| %s | %d | %d | %.3f (%s) | %.3f (%s) | %.2f |%n", t.name(),
                        train.features().columns(), train.classes().size(), median(java), list(java), median(onnx),
                        list(onnx), median(onnx) / median(java));
                System.out.printf(Locale.ROOT, "  ONNX route's last loss %.4f (falls from %.4f: it trains)%n",
                        route.lastLoss, route.firstLoss);
            }
        }
    }

    /** Milliseconds per step of the product's fit (its standardisation and set-up included, about one step). */
    private static double javaRoute(FeatureSet train, int steps) {
        BnnProvider p = new BnnProvider();
        var options = p.parseOptions(Map.of("steps", Integer.toString(steps), "width", Integer.toString(WIDTH),
                "batchSize", Integer.toString(BATCH)));
        long t0 = System.nanoTime();
        p.fit(train, options, ProviderContext.defaults());
        return (System.nanoTime() - t0) / 1e6 / steps;
    }

    /** The ONNX graph of the objective in one ONNX Runtime session, Adam in Java. */
    private static final class OnnxRoute implements AutoCloseable {
        private final OrtEnvironment env = OrtRuntime.environment();
        private final OrtModelSession session;
        private final VariationalStepGraph.Built graph;
        private final float[] x;
        private final int[] labels;
        private final int d;
        private final int k;
        private final int n;
        private final Map<String, long[]> shapes = new HashMap<>();
        private double firstLoss;
        private double lastLoss;

        OnnxRoute(FeatureSet train) {
            n = train.size();
            d = train.features().columns();
            k = train.classes().size();
            x = standardised(train);
            labels = train.labels();
            int[] sizes = {d, WIDTH, k};
            double prior = 1.0; // bnn's default priorSigma, per 1/sqrt(fan-in)
            graph = VariationalStepGraph.build(sizes, Math.min(BATCH, n),
                    new double[] {prior / Math.sqrt(d), prior / Math.sqrt(WIDTH)});
            for (int l = 0; l < 2; l++) {
                shapes.put("w" + l, new long[] {sizes[l + 1], sizes[l]});
                shapes.put("b" + l, new long[] {sizes[l + 1]});
            }
            session = OrtRuntime.open(graph.model().toByteArray(), "bnn VI step", ProviderContext.defaults());
        }

        /** Runs {@code steps} steps from a fresh initialisation; milliseconds per step. */
        double train(int steps) throws OrtException {
            Random random = new Random(7);
            Map<String, float[]> values = new HashMap<>();
            Map<String, float[]> m = new HashMap<>();
            Map<String, float[]> v = new HashMap<>();
            for (String p : graph.parameters()) {
                String suffix = p.substring(p.indexOf('.') + 1);
                float[] a = new float[size(shapes.get(suffix))];
                if (p.startsWith("mu.w")) {
                    double scale = 1 / Math.sqrt(shapes.get(suffix)[1]);
                    for (int i = 0; i < a.length; i++) {
                        a[i] = (float) (scale * random.nextGaussian());
                    }
                } else if (p.startsWith("rho.")) {
                    Arrays.fill(a, -5f);
                }
                values.put(p, a);
                m.put(p, new float[a.length]);
                v.put(p, new float[a.length]);
            }
            int batch = Math.min(BATCH, n);
            int next = 0;
            long t0 = System.nanoTime();
            for (int step = 1; step <= steps; step++) {
                List<OnnxTensor> created = new ArrayList<>();
                Map<String, OnnxTensor> feed = new HashMap<>();
                float[] xb = new float[batch * d];
                float[] onehot = new float[batch * k];
                for (int i = 0; i < batch; i++, next = (next + 1) % n) {
                    System.arraycopy(x, next * d, xb, i * d, d);
                    onehot[i * k + labels[next]] = 1;
                }
                feed.put("x", tensor(xb, new long[] {batch, d}, created));
                feed.put("onehot", tensor(onehot, new long[] {batch, k}, created));
                feed.put("klw", tensor(new float[] {(float) Math.min(1, step / (0.5 * steps)) / n}, new long[0],
                        created));
                for (String p : graph.parameters()) {
                    String suffix = p.substring(p.indexOf('.') + 1);
                    feed.put(p, tensor(values.get(p), shapes.get(suffix), created));
                    if (p.startsWith("mu.")) {
                        float[] eps = new float[values.get(p).length];
                        for (int i = 0; i < eps.length; i++) {
                            eps[i] = (float) random.nextGaussian();
                        }
                        feed.put("eps." + suffix, tensor(eps, shapes.get(suffix), created));
                    }
                }
                try (OrtSession.Result r = session.session().run(feed)) {
                    double loss = ((OnnxTensor) r.get("loss").orElseThrow()).getFloatBuffer().get(0);
                    firstLoss = step == 1 ? loss : firstLoss;
                    lastLoss = loss;
                    for (String p : graph.parameters()) {
                        FloatBuffer g = ((OnnxTensor) r.get(graph.gradients().get(p)).orElseThrow()).getFloatBuffer();
                        adam(values.get(p), g, m.get(p), v.get(p), step);
                    }
                } finally {
                    created.forEach(OnnxTensor::close);
                }
            }
            return (System.nanoTime() - t0) / 1e6 / steps;
        }

        private static void adam(float[] theta, FloatBuffer g, float[] m, float[] v, int t) {
            double c1 = 1 - Math.pow(0.9, t);
            double c2 = 1 - Math.pow(0.999, t);
            for (int i = 0; i < theta.length; i++) {
                float gi = g.get(i);
                m[i] = 0.9f * m[i] + 0.1f * gi;
                v[i] = 0.999f * v[i] + 0.001f * gi * gi;
                theta[i] -= (float) (0.01 * (m[i] / c1) / (Math.sqrt(v[i] / c2) + 1e-8));
            }
        }

        private OnnxTensor tensor(float[] values, long[] shape, List<OnnxTensor> created) throws OrtException {
            OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(values), shape);
            created.add(t);
            return t;
        }

        @Override
        public void close() {
            session.close();
        }
    }

    private static float[] standardised(FeatureSet train) {
        int n = train.size();
        int d = train.features().columns();
        float[] v = train.features().values();
        float[] out = new float[n * d];
        for (int j = 0; j < d; j++) {
            double mean = 0;
            double sq = 0;
            for (int i = 0; i < n; i++) {
                mean += v[i * d + j];
                sq += (double) v[i * d + j] * v[i * d + j];
            }
            mean /= n;
            double sd = Math.sqrt(Math.max(sq / n - mean * mean, 0));
            for (int i = 0; i < n; i++) {
                out[i * d + j] = (float) ((v[i * d + j] - mean) / (sd > 1e-12 ? sd : 1));
            }
        }
        return out;
    }

    private static int size(long[] shape) {
        long s = 1;
        for (long e : shape) {
            s *= e;
        }
        return Math.toIntExact(s);
    }

    private static double median(double[] a) {
        double[] s = a.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static String list(double[] a) {
        StringBuilder b = new StringBuilder();
        for (double e : a) {
            b.append(b.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "%.3f", e));
        }
        return b.toString();
    }
}
