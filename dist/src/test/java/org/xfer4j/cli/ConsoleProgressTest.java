package org.xfer4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Off a terminal, progress is a line at the start, at most one per interval, and one at the end: no \r redraws. */
class ConsoleProgressTest {

    @Test
    void plainLinesAtMostOncePerIntervalWhenNotATerminal() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AtomicLong now = new AtomicLong(1_000);
        ConsoleProgress p = new ConsoleProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), false, now::get);
        p.start("features of cls", 1000);
        for (int i = 0; i < 100; i++) {
            now.addAndGet(250); // 25 s in all, in 100 steps of 10
            p.advance(10);
        }
        p.finish();
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out).doesNotContain("\r");
        assertThat(out.lines().toList()).containsExactly("features of cls: started, 1000 to do",
                "features of cls: 400/1000 (40 %) after 10.0 s", "features of cls: 800/1000 (80 %) after 20.0 s",
                "features of cls: done, 1000/1000 (100 %) after 25.0 s");
    }

    @Test
    void workEndingShortOfItsTotalIsNotCalledDone() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AtomicLong now = new AtomicLong(1_000);
        ConsoleProgress p = new ConsoleProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), false, now::get);
        p.start("meta-training", 600);
        now.addAndGet(2_000);
        p.advance(13); // then a NaN loss stops it
        p.finish();
        assertThat(bytes.toString(StandardCharsets.UTF_8).lines().toList()).last()
                .isEqualTo("meta-training: stopped at 13/600 (2 %) after 2.0 s");
    }

    @Test
    void aTerminalGetsTheRedrawnBar() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleProgress p = new ConsoleProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), true,
                System::currentTimeMillis);
        p.start("features", 10);
        p.advance(10);
        p.finish();
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("\r").contains("features");
    }
}
