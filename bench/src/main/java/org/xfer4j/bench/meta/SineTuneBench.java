package org.xfer4j.bench.meta;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.meta.MetaLearnerProvider;
import org.xfer4j.api.meta.MetaLogger;
import org.xfer4j.api.meta.Parameters;
import org.xfer4j.meta.MetaLearners;
import org.xfer4j.meta.sine.SineEvaluation;
import org.xfer4j.meta.sine.SineWaves;
import org.xfer4j.training.OnnxDifferentiableModel;

/**
 * Tunes one method's meta-training options for the sine-wave experiment on meta-validation waves: every combination
 * of the given values is meta-trained on the bench's tasks (5 support and 10 query points, or {@code support=N}
 * points, a key the grid may vary too) and scored by the
 * few-shot protocol (5 points, 10 SGD steps at 0.02) on 200 validation waves drawn with seed 77, never the test
 * waves of seed 2026 that SineMetaBench reports; prints one line per combination and the best last.
 *
 * <p>Arguments: {@code metaSteps method key=v1/v2/... ...}, e.g. {@code 3000 reptile innerSteps=5/10/32 metaBatch=1/5
 * support=5/50 innerBatch=0/10}.
 */
public final class SineTuneBench {

    private static final long VALIDATION_SEED = 77;

    private SineTuneBench() {
    }

    public static void main(String[] args) {
        int steps = Integer.parseInt(args[0]);
        String method = args[1];
        Map<String, String> grid = BenchArgs.options(args, 2);
        ProviderContext context = BenchArgs.context(grid, 1);
        List<Map<String, String>> combinations = new ArrayList<>(List.of(new LinkedHashMap<>()));
        for (var e : grid.entrySet()) {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> c : combinations) {
                for (String v : e.getValue().split("/")) {
                    Map<String, String> m = new LinkedHashMap<>(c);
                    m.put(e.getKey(), v);
                    next.add(m);
                }
            }
            combinations = next;
        }
        SineEvaluation validation = SineEvaluation.fewShot(200, VALIDATION_SEED);
        MetaLearnerProvider p = MetaLearners.byId(method);
        double bestMse = Double.POSITIVE_INFINITY;
        Map<String, String> best = null;
        try (OnnxDifferentiableModel model = SineWaves.model(SineWaves.net(1), context)) {
            for (Map<String, String> c : combinations) {
                Map<String, String> props = new LinkedHashMap<>(c);
                props.put("metaSteps", Integer.toString(steps));
                SineWaves tasks = BenchArgs.sineTasks(props);
                Parameters init = p.create(p.parseOptions(props), context).metaTrain(model, tasks,
                        MetaLogger.NONE).initialisation();
                double mse = validation.meanMse(model, init, context);
                System.out.printf(Locale.ROOT, "tune %-8s %s validation mse5x10=%.3f%n", method, c, mse);
                if (mse < bestMse) {
                    bestMse = mse;
                    best = c;
                }
            }
        }
        System.out.printf(Locale.ROOT, "best %-8s %s validation mse5x10=%.3f%n", method, best, bestMse);
    }
}
