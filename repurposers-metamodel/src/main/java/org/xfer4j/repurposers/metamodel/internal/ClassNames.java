package org.xfer4j.repurposers.metamodel.internal;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.repurpose.PayloadReader;
import org.xfer4j.api.repurpose.PayloadWriter;

/** Stores a classifier's class names in its payload, one per line. */
public final class ClassNames {

    private static final String ENTRY = "classes";

    private ClassNames() {
    }

    /** Writes {@code classes}; a name may not contain a line break, since lines separate names. */
    public static void save(PayloadWriter payload, List<String> classes) {
        for (String c : classes) {
            if (c.indexOf('\n') >= 0) {
                throw new InvalidInputException("class name '" + c + "' contains a line break");
            }
        }
        payload.putText(ENTRY, String.join("\n", classes));
    }

    /**
     * Reads what {@link #save} wrote.
     *
     * @throws InvalidInputException naming the entry when it holds fewer than two classes, or a name twice
     */
    public static List<String> load(PayloadReader payload) {
        List<String> classes = List.of(payload.getText(ENTRY).split("\n", -1));
        if (classes.size() < 2) {
            throw new InvalidInputException("payload entry '" + ENTRY + "' names " + classes.size()
                    + " class; a classifier has at least two");
        }
        Set<String> seen = new HashSet<>();
        for (String c : classes) {
            if (!seen.add(c)) {
                throw new InvalidInputException("payload entry '" + ENTRY + "' names class '" + c
                        + "' twice; a classifier's classes are distinct (damaged or altered)");
            }
        }
        return classes;
    }
}
