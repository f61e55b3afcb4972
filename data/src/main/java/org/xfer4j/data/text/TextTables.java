package org.xfer4j.data.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.data.InMemoryDataset;
import org.xfer4j.api.data.Sample;
import org.xfer4j.data.io.Csv;
import org.xfer4j.data.io.CsvRecords;
import org.xfer4j.data.io.TextFiles;
import org.xfer4j.data.json.JsLiteral;

/**
 * Text datasets in files: CSV with a header naming a {@code text} and a {@code label} column (RFC 4180 quoting;
 * other columns ignored), or JSON Lines of {@code {"text": ..., "label": ...}}. The label column may be left out
 * entirely for unlabelled data. Classes are the distinct labels in sorted order.
 */
public final class TextTables {

    /** The column holding the text. */
    public static final String TEXT = "text";
    /** The column holding the class name. */
    public static final String LABEL = "label";

    private TextTables() {
    }

    /** One row read from a file: its text, its label (null when unlabelled) and the line it started on. */
    private record Row(String text, String label, int line) {
    }

    /**
     * The dataset in {@code file} (.csv or .jsonl, UTF-8), named after the file.
     *
     * @throws InvalidInputException naming the file (and line) for an unknown extension, an empty file, a missing
     *                               column or a malformed row
     */
    public static InMemoryDataset read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException("data file " + file + " does not exist");
        }
        String name = file.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        List<Row> rows;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            if (lower.endsWith(".csv")) {
                rows = readCsv(in, file);
            } else if (lower.endsWith(".jsonl")) {
                rows = readJsonl(in, file);
            } else {
                throw new InvalidInputException("data file " + file + " must end in .csv or .jsonl");
            }
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(file + " is not UTF-8 text", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        if (rows.isEmpty()) {
            throw new InvalidInputException("data file " + file + " holds no examples");
        }
        return toDataset(name.substring(0, name.lastIndexOf('.')), rows, file);
    }

    /**
     * Writes the text samples and labels of {@code data} to {@code file} (.csv or .jsonl by its extension), through a
     * temporary file renamed into place; unlabelled examples get an empty label.
     *
     * @throws InvalidInputException when a sample is not text or the extension is unknown
     */
    public static void write(Dataset data, Path file) {
        String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean csv = lower.endsWith(".csv");
        if (!csv && !lower.endsWith(".jsonl")) {
            throw new InvalidInputException("data file " + file + " must end in .csv or .jsonl");
        }
        try {
            if (csv) {
                Csv.write(file, w -> {
                    w.record(List.of(TEXT, LABEL));
                    for (int i = 0; i < data.size(); i++) {
                        w.text(textOf(data, i)).text(labelOf(data, i)).end();
                    }
                });
            } else {
                TextFiles.write(file, w -> {
                    for (int i = 0; i < data.size(); i++) {
                        w.write("{\"" + TEXT + "\":" + jsonString(textOf(data, i)) + ",\"" + LABEL + "\":"
                                + jsonString(labelOf(data, i)) + "}\n");
                    }
                });
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static String textOf(Dataset data, int i) {
        if (!(data.sample(i) instanceof Sample.Text(String text))) {
            throw new InvalidInputException("example " + i + " of " + data.name() + " is not text");
        }
        return text;
    }

    private static String labelOf(Dataset data, int i) {
        return data.label(i) < 0 ? "" : data.classes().get(data.label(i));
    }

    private static List<Row> readCsv(BufferedReader in, Path file) throws IOException {
        CsvRecords records = new CsvRecords(in, file);
        List<String> header = records.next();
        if (header == null) {
            throw new InvalidInputException("data file " + file + " is empty (expected a header with columns "
                    + TEXT + "," + LABEL + ")");
        }
        List<String> columns = header.stream().map(h -> h.replace("\uFEFF", "").strip().toLowerCase(Locale.ROOT)).toList();
        int textCol = columns.indexOf(TEXT);
        int labelCol = columns.indexOf(LABEL);
        if (textCol < 0) {
            throw new InvalidInputException(file + ": line 1: the header " + Excerpt.of(header) + " has no '" + TEXT
                    + "' column (expected " + TEXT + "," + LABEL + ")");
        }
        List<Row> rows = new ArrayList<>();
        for (List<String> r = records.next(); r != null; r = records.next()) {
            if (r.size() == 1 && r.getFirst().isEmpty()) {
                continue; // blank line
            }
            if (r.size() != header.size()) {
                throw new InvalidInputException(file + ": line " + records.recordLine() + ": " + r.size()
                        + " fields, the header has " + header.size() + " (quote fields holding commas)");
            }
            // fields Xfer4j neutralised against spreadsheet formulas when it wrote the file read back as they were
            rows.add(new Row(Csv.unneutralise(r.get(textCol)),
                    labelCol < 0 ? null : Csv.unneutralise(r.get(labelCol)), records.recordLine()));
        }
        return rows;
    }

    private static List<Row> readJsonl(BufferedReader in, Path file) throws IOException {
        List<Row> rows = new ArrayList<>();
        int lineNo = 0;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            lineNo++;
            if (lineNo == 1) {
                line = line.replace("\uFEFF", "");
            }
            if (line.isBlank()) {
                continue;
            }
            Map<String, String> members = jsonMembers(line, file + ": line " + lineNo);
            String text = members.get(TEXT);
            if (text == null) {
                throw new InvalidInputException(file + ": line " + lineNo + ": no \"" + TEXT + "\" string member");
            }
            rows.add(new Row(text, members.get(LABEL), lineNo));
        }
        return rows;
    }

    private static InMemoryDataset toDataset(String name, List<Row> rows, Path file) {
        boolean labelled = rows.getFirst().label() != null;
        TreeSet<String> classSet = new TreeSet<>();
        for (Row r : rows) {
            if ((r.label() != null) != labelled || (labelled && r.label().isBlank())) {
                throw new InvalidInputException(file + ": line " + r.line() + ": "
                        + (labelled ? "no label, though earlier rows have one" : "a label, though the first row has none"));
            }
            if (labelled) {
                classSet.add(r.label().strip());
            }
        }
        List<String> classes = List.copyOf(classSet);
        int[] labels = new int[rows.size()];
        List<String> texts = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            texts.add(rows.get(i).text());
            labels[i] = labelled ? classes.indexOf(rows.get(i).label().strip()) : -1;
        }
        return InMemoryDataset.ofTexts(name, classes, texts, labels);
    }

    /** {@code s} as a JSON string literal, quotes included. */
    public static String jsonString(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /**
     * The top-level members of the JSON object on one line, as text: numbers and booleans as written in JSON
     * (integers without a decimal point), nested values and nulls as null, since neither can be a text or a label.
     */
    private static Map<String, String> jsonMembers(String line, String where) {
        if (!(JsLiteral.parse(line, where) instanceof Map<?, ?> object)) {
            throw new InvalidInputException(where + ": not a JSON object");
        }
        Map<String, String> members = new LinkedHashMap<>();
        object.forEach((k, v) -> members.put((String) k, switch (v) {
            case String text -> text;
            case Boolean b -> b.toString();
            case Double d when d == Math.rint(d) && Math.abs(d) < 1e15 -> Long.toString(d.longValue());
            case Double d -> d.toString();
            case null, default -> null;
        }));
        return members;
    }
}
