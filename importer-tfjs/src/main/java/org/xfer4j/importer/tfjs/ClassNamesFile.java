package org.xfer4j.importer.tfjs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.xfer4j.api.InvalidInputException;

/**
 * Reads a model's class names from the JavaScript module a TF.js package ships them in: an object literal of
 * {@code index: 'name'} entries, as nsfwjs' nsfw_classes.js lists its five classes.
 */
final class ClassNamesFile {

    private static final Pattern ENTRY = Pattern.compile("(\\d+)\\s*:\\s*(['\"])(.*?)\\2");

    private ClassNamesFile() {
    }

    /**
     * The names in index order.
     *
     * @throws InvalidInputException naming the file when it is unreadable, holds fewer than 2 names, or skips an index
     */
    static List<String> read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read class names from " + file + ": " + e.getMessage(), e);
        }
        TreeMap<Integer, String> byIndex = new TreeMap<>();
        Matcher m = ENTRY.matcher(text);
        while (m.find()) {
            byIndex.putIfAbsent(Integer.parseInt(m.group(1)), m.group(3));
        }
        if (byIndex.size() < 2 || byIndex.firstKey() != 0 || byIndex.lastKey() != byIndex.size() - 1) {
            throw new InvalidInputException(file + " does not list class names as 0: 'name', 1: 'name', ... (found "
                    + byIndex + ")");
        }
        return new ArrayList<>(byIndex.values());
    }
}
