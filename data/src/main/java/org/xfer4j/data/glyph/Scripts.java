package org.xfer4j.data.glyph;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.xfer4j.api.InvalidOptionException;

/**
 * The 50 alphabets of the glyph set, in class order: 30 background and 20 evaluation alphabets, following Omniglot's
 * background/evaluation assignment where a script is in both (Runic, Armenian, Georgian, Bengali, Greek, Gujarati,
 * Hebrew, Latin, N'Ko, Tifinagh... in the background; Ge'ez, Glagolitic, Gurmukhi, Kannada, Malayalam, Manipuri,
 * Mongolian, Oriya, Syloti Nagri, Syriac, Tibetan, Avestan for evaluation), filled up with scripts the Debian font
 * packages cover.
 */
public final class Scripts {

    /** Every alphabet, background ones first. */
    public static final List<Script> ALL = List.of(
            background("latin", 0x41, 0x5A),
            background("greek", 0x391, 0x3A9),
            background("cyrillic", 0x410, 0x42F),
            background("armenian", 0x531, 0x556),
            background("georgian", 0x10D0, 0x10F0),
            background("asomtavruli", 0x10A0, 0x10C5),
            background("hebrew", 0x5D0, 0x5EA),
            background("arabic", 0x621, 0x64A),
            background("devanagari", 0x905, 0x939),
            background("bengali", 0x985, 0x9B9),
            background("gujarati", 0xA85, 0xAB9),
            background("tamil", 0xB85, 0xBB9),
            background("telugu", 0xC05, 0xC39),
            background("thai", 0xE01, 0xE2E),
            background("lao", 0xE81, 0xEAE),
            background("myanmar", 0x1000, 0x102A),
            background("khmer", 0x1780, 0x17A2),
            background("balinese", 0x1B05, 0x1B33),
            background("tagalog", 0x1700, 0x1711),
            background("nko", 0x7CA, 0x7EA),
            background("thaana", 0x780, 0x7A5),
            background("tifinagh", 0x2D30, 0x2D67),
            background("cherokee", 0x13A0, 0x13F5),
            background("runic", 0x16A0, 0x16EA),
            background("gothic", 0x10330, 0x1034A),
            background("old-italic", 0x10300, 0x1031F),
            background("phoenician", 0x10900, 0x10915),
            background("imperial-aramaic", 0x10840, 0x10855),
            background("grantha", 0x11305, 0x11339),
            background("deseret", 0x10400, 0x10427),
            evaluation("ethiopic", 8, 0x1200, 0x1357),
            evaluation("glagolitic", 1, 0x2C00, 0x2C2F),
            evaluation("gurmukhi", 1, 0xA05, 0xA39),
            evaluation("kannada", 1, 0xC85, 0xCB9),
            evaluation("malayalam", 1, 0xD05, 0xD3A),
            evaluation("meetei-mayek", 1, 0xABC0, 0xABE2),
            evaluation("mongolian", 1, 0x1820, 0x1842),
            evaluation("oriya", 1, 0xB05, 0xB39),
            evaluation("syloti-nagri", 1, 0xA800, 0xA822),
            evaluation("syriac", 1, 0x710, 0x72F),
            evaluation("tibetan", 1, 0xF40, 0xF6C),
            evaluation("avestan", 1, 0x10B00, 0x10B35),
            evaluation("coptic", 1, 0x2C80, 0x2CB1),
            evaluation("ogham", 1, 0x1681, 0x169A),
            evaluation("samaritan", 1, 0x800, 0x815),
            evaluation("ol-chiki", 1, 0x1C5A, 0x1C77),
            evaluation("javanese", 1, 0xA984, 0xA9B2),
            evaluation("sundanese", 1, 0x1B83, 0x1BA0),
            evaluation("old-turkic", 1, 0x10C00, 0x10C48),
            evaluation("old-hungarian", 1, 0x10C80, 0x10CB2));

    private Scripts() {
    }

    /**
     * The alphabets a list names, in class order: script names, or "background", "evaluation" or "all".
     *
     * @throws InvalidOptionException naming an unknown script and listing the known ones
     */
    public static List<Script> named(List<String> names) {
        List<Script> out = new ArrayList<>();
        for (Script s : ALL) {
            for (String n : names) {
                String lower = n.trim().toLowerCase(Locale.ROOT);
                if (lower.equals(s.name()) || lower.equals("all") || lower.equals(s.evaluation() ? "evaluation"
                        : "background")) {
                    out.add(s);
                    break;
                }
            }
        }
        for (String n : names) {
            String lower = n.trim().toLowerCase(Locale.ROOT);
            if (!List.of("all", "background", "evaluation").contains(lower)
                    && ALL.stream().noneMatch(s -> s.name().equals(lower))) {
                throw new InvalidOptionException("unknown script '" + n + "' of glyphs; use all, background, "
                        + "evaluation or some of " + ALL.stream().map(Script::name).toList());
            }
        }
        return out;
    }

    private static Script background(String name, int from, int to) {
        return new Script(name, new int[][] {{from, to}}, 1, false);
    }

    private static Script evaluation(String name, int step, int from, int to) {
        return new Script(name, new int[][] {{from, to}}, step, true);
    }
}
