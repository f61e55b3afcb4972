package org.xfer4j.data.glyph;

import java.util.ArrayList;
import java.util.List;

/**
 * A writing system of the glyph set: its letters are the capital or other letters (not lower case, marks or digits)
 * of some code-point ranges, every {@code step}-th one (a syllabary's first vowel order), or the lower-case ones of a
 * range without capitals (Georgian Mkhedruli, whose capitals are a recent addition fonts lack); it belongs to the
 * background (meta-training) or the evaluation alphabets.
 */
public record Script(String name, int[][] ranges, int step, boolean evaluation) {

    public Script {
        ranges = ranges.clone();
    }

    /** The candidate letters, in code-point order: assigned capital or other letters of the ranges. */
    public List<Integer> letters() {
        List<Integer> out = new ArrayList<>();
        for (int[] r : ranges) {
            List<Integer> lower = new ArrayList<>();
            int before = out.size();
            for (int cp = r[0]; cp <= r[1]; cp += step) {
                int type = Character.getType(cp);
                if (type == Character.UPPERCASE_LETTER || type == Character.OTHER_LETTER) {
                    out.add(cp);
                } else if (type == Character.LOWERCASE_LETTER) {
                    lower.add(cp);
                }
            }
            if (out.size() == before) {
                out.addAll(lower);
            }
        }
        return out;
    }
}
