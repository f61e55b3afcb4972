package org.xfer4j.data.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xfer4j.api.data.InMemoryDataset;
import org.xfer4j.data.text.TextTables;

/** CSV fields are quoted as RFC 4180 says, and never open in a spreadsheet as a live formula. */
class CsvTest {

    @Test
    void formulasAreNeutralisedNumbersAreNot() {
        assertThat(Csv.field("=HYPERLINK(\"http://x\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\")\"");
        assertThat(Csv.field("+cmd")).isEqualTo("'+cmd");
        assertThat(Csv.field("-2+3")).isEqualTo("'-2+3");
        assertThat(Csv.field("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(Csv.field("\t=1")).isEqualTo("'\t=1");
        // a quote before a formula character is no protection: the spreadsheet may strip it
        assertThat(Csv.field("'=1+1")).isEqualTo("''=1+1");
        for (String number : List.of("-0.25", "+3", "-1.5E-7", "-Infinity", "NaN", "42", ".5")) {
            assertThat(Csv.field(number)).as(number).isEqualTo(number);
        }
        assertThat(Csv.field("ham")).isEqualTo("ham");
        assertThat(Csv.field("'Tis the season")).isEqualTo("'Tis the season");
    }

    @Test
    void rfc4180QuotingOfCommasQuotesAndLineBreaks() {
        assertThat(Csv.record(List.of("a,b", "say \"hi\"", "two\nlines", "plain")))
                .isEqualTo("\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",plain");
    }

    @Test
    void unneutraliseInvertsTheNeutralising() {
        for (String v : List.of("=1+1", "'=1+1", "''@x", "-0.25", "-x", "'Tis", "plain", "'", "")) {
            String written = Csv.field(v);
            String unquoted = written.startsWith("\"") ? written.substring(1, written.length() - 1) : written;
            assertThat(Csv.unneutralise(unquoted)).as(v).isEqualTo(v);
        }
    }

    @Test
    void writerEndsRecordsWithCrlfAndWritesNumbersAsThey(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("p.csv");
        Csv.write(file, w -> {
            w.text("predicted").texts(List.of("=evil()", "b")).end();
            w.text("=evil()").number(-0.5).number(1.5f).number(7L).end();
        });
        assertThat(Files.readString(file, StandardCharsets.UTF_8))
                .isEqualTo("predicted,'=evil(),b\r\n'=evil(),-0.5,1.5,7\r\n");
    }

    @Test
    void textTablesRoundTripFormulaLikeTextsAndLabels(@TempDir Path dir) {
        InMemoryDataset d = InMemoryDataset.ofTexts("t", List.of("=HYPERLINK(\"x\")", "@ham"),
                List.of("-- forwarded --", "+1 for this", "=cmd|' /C calc'!A0"), new int[] {0, 1, 0});
        Path file = dir.resolve("t.csv");
        TextTables.write(d, file);
        assertThat(file).content().doesNotContain("\n=").doesNotContain(",=").doesNotContain("\n@")
                .doesNotContain("\n+").doesNotContain("\n-");
        InMemoryDataset back = TextTables.read(file);
        assertThat(back.classes()).containsExactlyInAnyOrderElementsOf(d.classes());
        for (int i = 0; i < d.size(); i++) {
            assertThat(back.sample(i)).isEqualTo(d.sample(i));
            assertThat(back.classes().get(back.label(i))).isEqualTo(d.classes().get(d.label(i)));
        }
    }
}
