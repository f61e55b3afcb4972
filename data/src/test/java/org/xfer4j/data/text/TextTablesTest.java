package org.xfer4j.data.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.data.InMemoryDataset;
import org.xfer4j.api.data.Sample;

class TextTablesTest {

    @TempDir
    Path dir;

    @Test
    void readsCsvWithQuotedCommasQuotesAndLineBreaks() throws Exception {
        Path f = write("t.csv", "id,label,text\r\n1,spam,\"Win, now!\"\r\n2,ham,\"say \"\"hi\"\"\nplease\"\r\n3,ham,plain\r\n");
        Dataset d = TextTables.read(f);
        assertThat(d.name()).isEqualTo("t");
        assertThat(d.classes()).containsExactly("ham", "spam");
        assertThat(d.labels()).containsExactly(1, 0, 0);
        assertThat(texts(d)).containsExactly("Win, now!", "say \"hi\"\nplease", "plain");
    }

    @Test
    void readsJsonLines() throws Exception {
        Path f = write("t.jsonl", "{\"text\": \"caf\\u00e9 \\\"x\\\"\", \"label\": \"b\", \"meta\": {\"k\": [1, 2]}}\n\n"
                + "{\"label\":\"a\",\"text\":\"two\"}\n");
        Dataset d = TextTables.read(f);
        assertThat(d.classes()).containsExactly("a", "b");
        assertThat(d.labels()).containsExactly(1, 0);
        assertThat(texts(d)).containsExactly("café \"x\"", "two");
    }

    @Test
    void withoutALabelColumnTheDataIsUnlabelled() throws Exception {
        Dataset d = TextTables.read(write("u.csv", "text\nhello\nworld\n"));
        assertThat(d.classes()).isEmpty();
        assertThat(d.labels()).containsExactly(-1, -1);
    }

    @Test
    void writesWhatItReads() {
        InMemoryDataset d = InMemoryDataset.ofTexts("x", List.of("ham", "spam"),
                List.of("a, \"quoted\"\nline", "tab\there", "plain"), new int[] {1, 0, 0});
        for (String name : List.of("x.csv", "x.jsonl")) {
            Path f = dir.resolve(name);
            TextTables.write(d, f);
            Dataset back = TextTables.read(f);
            assertThat(texts(back)).isEqualTo(texts(d));
            assertThat(back.labels()).isEqualTo(d.labels());
            assertThat(back.classes()).isEqualTo(d.classes());
        }
    }

    @Test
    void namesFileAndLineOfMalformedRows() throws Exception {
        Path wrongCount = write("a.csv", "text,label\nok,ham\ntoo,many,fields\n");
        assertThatThrownBy(() -> TextTables.read(wrongCount)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("a.csv").hasMessageContaining("line 3").hasMessageContaining("3 fields");
        Path unclosed = write("b.csv", "text,label\nok,ham\n\"never closed,ham\n");
        assertThatThrownBy(() -> TextTables.read(unclosed)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("b.csv").hasMessageContaining("line 3").hasMessageContaining("never closed");
        Path badJson = write("c.jsonl", "{\"text\":\"ok\",\"label\":\"a\"}\n{\"text\": oops}\n");
        assertThatThrownBy(() -> TextTables.read(badJson)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("c.jsonl").hasMessageContaining("line 2");
        Path missingLabel = write("d.jsonl", "{\"text\":\"ok\",\"label\":\"a\"}\n{\"text\":\"no label\"}\n");
        assertThatThrownBy(() -> TextTables.read(missingLabel)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("d.jsonl").hasMessageContaining("line 2").hasMessageContaining("no label");
        // issue 15: 100k nested arrays overflowed the parser's stack; now the file and line are named
        Path deep = write("e.jsonl", "{\"text\":\"ok\",\"label\":\"a\"}\n{\"text\": " + "[".repeat(100_000)
                + "]".repeat(100_000) + ", \"label\": \"b\"}\n");
        assertThatThrownBy(() -> TextTables.read(deep)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("e.jsonl: line 2: arrays and objects nest deeper than 512 levels");
    }

    @Test
    void namesMissingColumnsEmptyFilesAndUnknownFormats() throws Exception {
        Path noText = write("e.csv", "body,label\nx,ham\n");
        assertThatThrownBy(() -> TextTables.read(noText)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("e.csv").hasMessageContaining("'text' column");
        Path empty = write("f.csv", "");
        assertThatThrownBy(() -> TextTables.read(empty)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("f.csv").hasMessageContaining("empty");
        Path headerOnly = write("g.jsonl", "\n");
        assertThatThrownBy(() -> TextTables.read(headerOnly)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("g.jsonl").hasMessageContaining("no examples");
        Path txt = write("h.txt", "text,label\n");
        assertThatThrownBy(() -> TextTables.read(txt)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(".csv or .jsonl");
        assertThatThrownBy(() -> TextTables.read(dir.resolve("missing.csv"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("missing.csv").hasMessageContaining("does not exist");
    }

    private Path write(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content);
    }

    private static List<String> texts(Dataset d) {
        return java.util.stream.IntStream.range(0, d.size()).mapToObj(i -> ((Sample.Text) d.sample(i)).text()).toList();
    }

    @Test
    void aHugeHeaderIsNotEchoedWhole(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("wide.csv");
        Files.writeString(file, "x".repeat(1_000_000) + ",label\nhello,a\n");
        assertThatThrownBy(() -> TextTables.read(file)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("has no 'text' column").hasMessageContaining("... (1000009 characters)")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(400 + file.toString().length()));
    }
}
