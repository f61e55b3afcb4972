package org.xfer4j.cli;

import java.io.PrintStream;
import java.io.Console;
import java.util.Locale;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.xfer4j.api.Progress;

/**
 * Shows progress of long work on standard error: a bar redrawn in place ({@code \r}) on a terminal, and plain lines
 * (at the start, at most one per {@link #LINE_INTERVAL_MILLIS}, and at the end) when standard error goes to a log
 * or a pipe, where {@code \r} updates would pile up as one ever longer line.
 */
final class ConsoleProgress implements Progress {

    /** The least time between two plain progress lines. */
    static final long LINE_INTERVAL_MILLIS = 10_000;

    private final PrintStream err;
    private final boolean terminal;
    private final LongSupplier clock;
    private ProgressBar bar;
    private Plain plain;

    /** Progress on {@link System#err}, as a bar when the console is a terminal. */
    ConsoleProgress() {
        this(System.err, isTerminal(), System::currentTimeMillis);
    }

    /** Progress on {@code err}: a bar when {@code terminal}, else plain lines timed by {@code clock} (milliseconds). */
    ConsoleProgress(PrintStream err, boolean terminal, LongSupplier clock) {
        this.err = err;
        this.terminal = terminal;
        this.clock = clock;
    }

    /**
     * Whether standard error is likely a terminal: the JDK tells only whether the console (standard input and
     * output) is one, and {@code -Dxfer4j.progress=lines|bar} overrides the guess.
     */
    static boolean isTerminal() {
        String forced = System.getProperty("xfer4j.progress", "");
        if (!forced.isEmpty()) {
            return forced.equals("bar");
        }
        Console c = System.console();
        return c != null && c.isTerminal() && System.getenv("TERM") != null && !"dumb".equals(System.getenv("TERM"));
    }

    @Override
    public synchronized void start(String task, long total) {
        finish();
        if (terminal) {
            bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
                    .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).continuousUpdate()
                    .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(err)).build();
        } else {
            plain = new Plain(task, total, clock.getAsLong());
            err.println(task + ": started" + (total > 0 ? ", " + total + " to do" : ""));
        }
    }

    @Override
    public synchronized void advance(long done) {
        if (bar != null) {
            bar.stepBy(done);
        } else if (plain != null) {
            plain.done += done;
            long now = clock.getAsLong();
            if (now - plain.printed >= LINE_INTERVAL_MILLIS) {
                plain.printed = now;
                err.println(plain.line(now, false));
            }
        }
    }

    @Override
    public synchronized void finish() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
        if (plain != null) {
            err.println(plain.line(clock.getAsLong(), true));
            plain = null;
        }
    }

    /** The state of one task shown as plain lines. */
    private static final class Plain {
        private final String task;
        private final long total;
        private final long started;
        private long done;
        private long printed;

        Plain(String task, long total, long started) {
            this.task = task;
            this.total = total;
            this.started = started;
            this.printed = started;
        }

        String line(long now, boolean finished) {
            String count = total > 0 ? String.format(Locale.ROOT, "%d/%d (%d %%)", done, total, 100 * done / total)
                    : Long.toString(done);
            // work that ends short of its total failed or was stopped: saying "done" there misleads
            String end = !finished ? "" : total > 0 && done < total ? "stopped at " : "done, ";
            return String.format(Locale.ROOT, "%s: %s%s after %.1f s", task, end, count, (now - started) / 1000.0);
        }
    }
}
