package org.xfer4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** `models` names every zoo model and says which text packs are int8-quantised. */
class ModelsCommandTest {

    @Test
    void listsThePacksWithTheirPrecision() {
        PrintStream saved = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit;
        try (PrintStream capture = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            exit = Main.run(new String[] {"models"});
        } finally {
            System.setOut(saved);
        }
        String listing = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).isZero();
        assertThat(listing).containsPattern("(?m)^  bge-small-en-v1\\.5 +int8-quantised")
                .containsPattern("(?m)^  bge-small-en-v1\\.5-fp32 +full precision")
                .containsPattern("(?m)^  all-minilm-l6-v2 +int8-quantised")
                .containsPattern("(?m)^  all-minilm-l6-v2-fp32 +full precision")
                .containsPattern("(?m)^  mobilenet-v2$");
    }
}
