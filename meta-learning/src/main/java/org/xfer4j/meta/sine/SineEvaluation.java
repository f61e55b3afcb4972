package org.xfer4j.meta.sine;

import java.util.SplittableRandom;
import org.xfer4j.api.InvalidOptionException;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.meta.DifferentiableModel;
import org.xfer4j.api.meta.Parameters;
import org.xfer4j.meta.learners.Adaptation;

/**
 * The sine-wave evaluation protocol: for each of {@code tasks} fresh waves, adapt an initialisation with
 * {@code steps} plain SGD steps at {@code lr} on {@code support} points from U(supportLo, supportHi), then score the
 * mean squared error on {@code test} points from U(-5, 5). The same seed draws the same waves for every method.
 */
public record SineEvaluation(int tasks, int support, double supportLo, double supportHi, int steps, double lr,
        int test, long seed) {

    public SineEvaluation {
        if (tasks < 1 || support < 1 || steps < 0 || test < 1 || !(lr > 0)) {
            throw new InvalidOptionException("sine evaluation needs tasks, support and test points >= 1, steps >= 0"
                    + " and lr > 0");
        }
    }

    /** The classic protocol: 10 points from U(-5, 5), 32 SGD steps at 0.02, 50 test points. */
    public static SineEvaluation classic(int tasks, long seed) {
        return new SineEvaluation(tasks, 10, -SineWaves.X_MAX, SineWaves.X_MAX, 32, 0.02, 50, seed);
    }

    /** The few-shot figure: 5 points from U(-5, 5), 10 SGD steps at 0.02, 50 test points. */
    public static SineEvaluation fewShot(int tasks, long seed) {
        return new SineEvaluation(tasks, 5, -SineWaves.X_MAX, SineWaves.X_MAX, 10, 0.02, 50, seed);
    }

    /** The robustness protocol: 5 points from U(0, 5) only, 10 SGD steps at 0.02, 50 test points. */
    public static SineEvaluation robust(int tasks, long seed) {
        return new SineEvaluation(tasks, 5, 0, SineWaves.X_MAX, 10, 0.02, 50, seed);
    }

    /** The mean test MSE after adapting {@code init}, over the protocol's tasks. */
    public double meanMse(DifferentiableModel model, Parameters init, ProviderContext context) {
        SineWaves waves = new SineWaves(support, test, supportLo, supportHi);
        SplittableRandom random = new SplittableRandom(seed);
        double sum = 0;
        try (Adaptation a = new Adaptation(model, Math.max(1, steps), lr, context)) {
            for (int t = 0; t < tasks; t++) {
                var task = waves.sample(random);
                Adaptation.Score s = a.score(init, task.support(), task.query());
                sum += steps == 0 ? s.queryBefore() : s.queryAfter();
            }
        }
        return sum / tasks;
    }
}
