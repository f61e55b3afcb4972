package org.xfer4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.xfer4j.api.InvalidInputException;

class InMemoryPayloadTest {

    @Test
    void entriesReadBackWithTheirShapes() {
        InMemoryPayload p = new InMemoryPayload();
        p.putFloats("w", new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        p.putDoubles("b", new double[] {0.5, -0.5}, 2);
        p.putInts("n", new int[] {7}, 1);
        p.putText("note", "héllo");
        p.putBytes("raw", new byte[] {1, 2});

        assertThat(p.names()).containsExactly("w", "b", "n", "note", "raw");
        assertThat(p.shape("w")).containsExactly(2, 3);
        assertThat(p.getFloats("w")).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(p.getDoubles("b")).containsExactly(0.5, -0.5);
        assertThat(p.getInts("n")).containsExactly(7);
        assertThat(p.getText("note")).isEqualTo("héllo");
        assertThat(p.getBytes("raw")).containsExactly(1, 2);
        assertThat(p.has("w")).isTrue();
        assertThat(p.has("x")).isFalse();
    }

    @Test
    void storedArraysAreCopiesOfTheWrittenOnes() {
        InMemoryPayload p = new InMemoryPayload();
        float[] w = {1, 2};
        p.putFloats("w", w, 2);
        w[0] = 99;
        p.getFloats("w")[1] = 99;
        assertThat(p.getFloats("w")).containsExactly(1, 2);
    }

    @Test
    void missingEntryIsNamedWithTheEntriesThereAre() {
        InMemoryPayload p = new InMemoryPayload();
        p.putInts("n", new int[] {1}, 1);
        assertThatThrownBy(() -> p.getFloats("weights"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'weights'").hasMessageContaining("[n]");
    }

    @Test
    void mistypedEntryIsNamedWithBothTypes() {
        InMemoryPayload p = new InMemoryPayload();
        p.putDoubles("w", new double[] {1}, 1);
        assertThatThrownBy(() -> p.getFloats("w"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'w' holds doubles, not floats");
    }

    @Test
    void shapeMustMatchTheLength() {
        InMemoryPayload p = new InMemoryPayload();
        assertThatThrownBy(() -> p.putFloats("w", new float[5], 2, 3))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'w'").hasMessageContaining("[2, 3]").hasMessageContaining("5 values");
    }

    @Test
    void anEntryIsWrittenOnce() {
        InMemoryPayload p = new InMemoryPayload();
        p.putText("t", "a");
        assertThatThrownBy(() -> p.putText("t", "b")).hasMessageContaining("'t' is written twice");
    }
}
