package org.xfer4j.core.registry;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Names the plugin whose code was running when the JVM began to exit, and makes the exit status non-zero. Java no
 * longer lets a host forbid {@code System.exit}, so a plugin that calls it while its providers are created would
 * otherwise end the host silently with status 0; a shutdown hook finds the loading thread inside
 * {@code Runtime.exit}, says which plugin and provider it was, and halts with {@link #STATUS}.
 */
final class ExitWatch {

    /** The exit status when a plugin ended the JVM while it was being loaded. */
    static final int STATUS = 3;

    /** Plugin code being run to create a provider: on which thread, for which plugin, and what it was doing. */
    record Load(Thread thread, String plugin, String what) {
    }

    private static final Set<Load> RUNNING = ConcurrentHashMap.newKeySet();
    private static volatile boolean installed;

    private ExitWatch() {
    }

    /** Watches {@code load} until {@link #done} (or for good, when it never ends). */
    static void start(Load load) {
        install();
        RUNNING.add(load);
    }

    /** Stops watching {@code load}: its plugin code returned. */
    static void done(Load load) {
        RUNNING.remove(load);
    }

    private static synchronized void install() {
        if (!installed) {
            Runtime.getRuntime().addShutdownHook(new Thread(ExitWatch::onExit, "xfer4j-plugin-exit-watch"));
            installed = true;
        }
    }

    private static void onExit() {
        for (Load l : RUNNING) {
            if (l.thread().isAlive() && exiting(l.thread())) {
                System.out.flush();
                System.err.println("error: plugin " + l.plugin() + " ended the program (System.exit) while "
                        + l.what() + "; remove it from the plugins folder or ask its author for a fix");
                System.err.flush();
                Runtime.getRuntime().halt(STATUS);
            }
        }
    }

    /** Whether {@code t} is inside {@code Runtime.exit}: the thread that began the shutdown waits there for hooks. */
    private static boolean exiting(Thread t) {
        for (StackTraceElement e : t.getStackTrace()) {
            if (e.getClassName().equals("java.lang.Runtime") && e.getMethodName().equals("exit")
                    || e.getClassName().equals("java.lang.Shutdown") && e.getMethodName().equals("exit")) {
                return true;
            }
        }
        return false;
    }
}
