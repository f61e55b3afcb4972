package org.xfer4j.core.registry;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a plugin's code that creates a provider on its own daemon thread, watched by {@link ExitWatch}, and waits at
 * most a time limit for it: a constructor that blocks or spins costs the host that limit, never a hang (the thread is
 * abandoned, and being a daemon it does not keep the JVM alive).
 */
final class TimedCreation {

    /** The default limit: -Dxfer4j.plugins.timeout (seconds), else 10 s. */
    static final Duration DEFAULT_LIMIT = Duration.ofMillis(
            (long) (Double.parseDouble(System.getProperty("xfer4j.plugins.timeout", "10")) * 1000));

    private TimedCreation() {
    }

    /** {@code task} run for {@code plugin}, doing {@code what}; its exception comes back as the cause. */
    static <T> T call(String plugin, String what, Duration limit, Callable<T> task)
            throws TimeoutException, ExecutionException, InterruptedException {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                result.complete(task.call());
            } catch (Throwable e) { // anything plugin code throws is reported with the plugin's name
                result.completeExceptionally(e);
            }
        }, "xfer4j-plugin-" + plugin);
        t.setDaemon(true);
        ExitWatch.Load load = new ExitWatch.Load(t, plugin, what);
        ExitWatch.start(load);
        t.start();
        try {
            T value = result.get(limit.toMillis(), TimeUnit.MILLISECONDS);
            ExitWatch.done(load);
            return value;
        } catch (ExecutionException e) {
            ExitWatch.done(load);
            throw e;
        }
        // on a timeout the load stays watched: its code still runs, and may yet call System.exit
    }
}
