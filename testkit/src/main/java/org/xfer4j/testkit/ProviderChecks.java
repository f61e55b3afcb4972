package org.xfer4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.xfer4j.api.InvalidOptionException;
import org.xfer4j.api.Options;
import org.xfer4j.api.SpiVersion;
import org.xfer4j.api.repurpose.Predictions;
import org.xfer4j.api.repurpose.RepurposerProvider;

/** Checks the provider contracts share: identity, options, and the shape and quality of predictions. */
final class ProviderChecks {

    private ProviderChecks() {
    }

    static void identity(org.xfer4j.api.Provider p) {
        assertThat(p.id()).as("provider id").matches("[a-z0-9][a-z0-9._-]*");
        assertThat(p.description()).as("description of " + p.id()).isNotBlank();
        assertThat(p.version()).as("version of " + p.id()).isNotBlank();
        assertThat(p.spiVersion().runsOn(SpiVersion.CURRENT))
                .as("%s built against SPI %s runs on %s", p.id(), p.spiVersion(), SpiVersion.CURRENT).isTrue();
    }

    static void defaultOptionsRoundTrip(RepurposerProvider p) {
        defaultOptionsRoundTrip(p.defaultOptions(), p::parseOptions);
    }

    /** The defaults convert to properties and back, and no properties at all mean the defaults. */
    static void defaultOptionsRoundTrip(Options defaults, Function<Map<String, String>, Options> parser) {
        Map<String, String> properties = defaults.toProperties();
        assertThat(parser.apply(properties)).isEqualTo(defaults);
        assertThat(parser.apply(properties).toProperties()).isEqualTo(properties);
        assertThat(parser.apply(Map.of())).as("no properties means defaults").isEqualTo(defaults);
    }

    static void nonDefaultOptionsRoundTrip(RepurposerProvider p, Map<String, String> changed) {
        nonDefaultOptionsRoundTrip(p.defaultOptions(), p::parseOptions, changed);
    }

    /** Each changed option changes the parsed options, and parsed options round-trip. */
    static void nonDefaultOptionsRoundTrip(Options defaults, Function<Map<String, String>, Options> parser,
            Map<String, String> changed) {
        assumeFalse(changed.isEmpty(), "no non-default options given");
        Options parsed = parser.apply(changed);
        assertThat(parsed).isNotEqualTo(defaults);
        assertThat(parser.apply(parsed.toProperties())).isEqualTo(parsed);
        for (var e : changed.entrySet()) {
            assertThat(parser.apply(Map.of(e.getKey(), e.getValue())))
                    .as("option %s=%s changes the options", e.getKey(), e.getValue())
                    .isNotEqualTo(defaults);
        }
    }

    static void unknownOptionRejected(RepurposerProvider p) {
        unknownOptionRejected(p::parseOptions);
    }

    /** An unknown key is an {@link InvalidOptionException} naming it. */
    static void unknownOptionRejected(Function<Map<String, String>, Options> parser) {
        assertThatThrownBy(() -> parser.apply(Map.of("noSuchOption", "1")))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("noSuchOption");
    }

    /** Every row is a probability distribution over {@code classes} classes. */
    static void probabilities(Predictions p, int rows, int classes) {
        assertThat(p.probabilities()).hasNumberOfRows(rows);
        for (double[] row : p.probabilities()) {
            assertThat(row).hasSize(classes);
            double s = 0;
            for (double v : row) {
                s += v;
            }
            assertThat(s).isCloseTo(1.0, within(1e-6));
        }
    }

    static double accuracy(Predictions p, int[] labels) {
        int[] predicted = p.labels();
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            correct += predicted[i] == labels[i] ? 1 : 0;
        }
        return (double) correct / labels.length;
    }

    /** Threads the concurrency checks start at once: more than this machine's cores, as a server would. */
    static final int THREADS = 8;

    /**
     * The results of {@code work} run by {@link #THREADS} threads released at the same instant (so lazy state is
     * first touched by all of them together); any thread's failure fails the check, naming the thread.
     */
    static <T> List<T> concurrently(Callable<T> work) {
        CyclicBarrier start = new CyclicBarrier(THREADS);
        List<Future<T>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
            for (int t = 0; t < THREADS; t++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return work.call();
                }));
            }
            List<T> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                try {
                    results.add(futures.get(t).get());
                } catch (ExecutionException e) {
                    throw new AssertionError("thread " + t + " of " + THREADS + " failed: " + e.getCause(), e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted while waiting for thread " + t, e);
                }
            }
            return results;
        }
    }
}
