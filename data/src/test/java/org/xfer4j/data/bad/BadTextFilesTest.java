package org.xfer4j.data.bad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.data.InMemoryDataset;
import org.xfer4j.api.data.Sample;
import org.xfer4j.data.text.TextTables;

/**
 * Text data files of the issue-15 sweep: encodings, byte-order marks, line endings, quotes and NUL bytes are read
 * as the text they hold; empty, binary, non-UTF-8 and malformed files are refused naming the file (and line).
 */
class BadTextFilesTest {

    @TempDir
    Path dir;

    static Stream<Arguments> wellFormed() {
        return Stream.of(
                Arguments.of("bom.csv", "\uFEFFtext,label\nhello,a\nbye,b\n"),
                Arguments.of("bom.jsonl", "\uFEFF{\"text\":\"hello\",\"label\":\"a\"}\n{\"text\":\"bye\",\"label\":\"b\"}\n"),
                Arguments.of("crlf.csv", "text,label\r\nhello,a\r\nbye,b\r\n"),
                Arguments.of("crlf.jsonl", "{\"text\":\"hello\",\"label\":\"a\"}\r\n{\"text\":\"bye\",\"label\":\"b\"}\r\n"),
                Arguments.of("no-final-newline.csv", "text,label\nhello,a\nbye,b"),
                Arguments.of("blank-lines.jsonl", "\n{\"text\":\"hello\",\"label\":\"a\"}\n\n{\"text\":\"bye\",\"label\":\"b\"}\n\n"),
                Arguments.of("quoted-label.csv", "text,label\nhello,\"a\"\nbye,b\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wellFormed")
    void readsTheTextAndLabelsWhateverTheLineEndingsOrByteOrderMark(String name, String content) throws IOException {
        InMemoryDataset d = TextTables.read(Files.writeString(dir.resolve(name), content));
        assertThat(d.classes()).containsExactly("a", "b");
        assertThat(texts(d)).containsExactly("hello", "bye");
        assertThat(d.labels()).containsExactly(0, 1);
    }

    @Test
    void quotesAndNulBytesAreKeptAsText() throws IOException {
        assertThat(texts(read("quotes.csv", "text,label\n\"say \"\"hi\"\", ok\",a\nbye,b\n")))
                .containsExactly("say \"hi\", ok", "bye");
        assertThat(texts(read("stray-quote.csv", "text,label\nsay \"hi\" ok,a\nbye,b\n")))
                .containsExactly("say \"hi\" ok", "bye");
        assertThat(texts(read("nul.csv", "text,label\nhel\0lo,a\nbye,b\n"))).containsExactly("hel\0lo", "bye");
        assertThat(texts(read("nul.jsonl", "{\"text\":\"hel\0lo\",\"label\":\"a\"}\n{\"text\":\"bye\",\"label\":\"b\"}\n")))
                .containsExactly("hel\0lo", "bye");
        assertThat(texts(read("multiline.csv", "text,label\n\"two\nlines\",a\nbye,b\n"))).containsExactly("two\nlines", "bye");
        assertThat(texts(read("empty-text.csv", "text,label\n,a\nbye,b\n"))).containsExactly("", "bye");
        assertThat(texts(read("unicode.jsonl", "{\"text\":\"caf\\u00e9 \u2603 \uD83D\uDE00\",\"label\":\"a\"}\n")))
                .containsExactly("café ☃ 😀");
    }

    @Test
    void aFileWithoutALabelColumnIsUnlabelledData() throws IOException {
        InMemoryDataset d = read("no-label.csv", "text,kind\nhello,a\n");
        assertThat(d.classes()).isEmpty();
        assertThat(d.labels()).containsExactly(-1);
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("empty.csv", "", "is empty (expected a header with columns text,label)"),
                Arguments.of("empty.jsonl", "", "holds no examples"),
                Arguments.of("header-only.csv", "text,label\n", "holds no examples"),
                Arguments.of("only-blank-lines.jsonl", "\n\n\n", "holds no examples"),
                Arguments.of("empty-label.csv", "text,label\nhello,\nbye,b\n", "line 2: no label, though earlier rows have one"),
                Arguments.of("array-line.jsonl", "[1,2]\n", "line 1: not a JSON object"),
                Arguments.of("truncated.jsonl", "{\"text\":\"hello\",\"label\"", "line 1"),
                Arguments.of("no-text.jsonl", "{\"label\":\"a\"}\n", "line 1"),
                Arguments.of("wrong-extension.txt", "text,label\nhello,a\n", "must end in .csv or .jsonl"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedFilesAreRefusedNamingTheFile(String name, String content, String says) throws IOException {
        Path f = Files.writeString(dir.resolve(name), content);
        assertThatThrownBy(() -> TextTables.read(f)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(f.getFileName().toString()).hasMessageContaining(says);
    }

    @Test
    void textThatIsNotUtf8IsRefusedNamingTheFile() throws IOException {
        for (var e : List.of(
                new Object[] {"latin1.csv", "text,label\ncaf\u00e9,a\n".getBytes(StandardCharsets.ISO_8859_1)},
                new Object[] {"utf16.csv", "text,label\nhello,a\n".getBytes(StandardCharsets.UTF_16)},
                new Object[] {"binary.jsonl", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, (byte) 0xff}})) {
            Path f = Files.write(dir.resolve((String) e[0]), (byte[]) e[1]);
            assertThatThrownBy(() -> TextTables.read(f)).as(f.toString()).isInstanceOf(InvalidInputException.class)
                    .hasMessage(f + " is not UTF-8 text");
        }
    }

    private InMemoryDataset read(String name, String content) throws IOException {
        return TextTables.read(Files.writeString(dir.resolve(name), content));
    }

    private static List<String> texts(InMemoryDataset d) {
        return IntStream.range(0, d.size()).mapToObj(i -> ((Sample.Text) d.sample(i)).text()).toList();
    }
}
