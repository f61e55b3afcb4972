package org.xfer4j.evaluation.report;

import java.awt.Color;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One colour per method, the same on every chart of a report (assigned in the study's method order). */
final class MethodColours {

    /** Tableau's ten categorical colours, distinguishable and colour-blind friendly in the first few. */
    private static final Color[] PALETTE = {new Color(0x4E79A7), new Color(0xF28E2B), new Color(0xE15759),
        new Color(0x76B7B2), new Color(0x59A14F), new Color(0xEDC948), new Color(0xB07AA1), new Color(0xFF9DA7),
        new Color(0x9C755F), new Color(0xBAB0AC)};

    private final Map<String, Color> colours = new LinkedHashMap<>();

    MethodColours(List<String> methods) {
        for (String m : methods) {
            colours.putIfAbsent(m, PALETTE[colours.size() % PALETTE.length]);
        }
    }

    Color of(String method) {
        return colours.computeIfAbsent(method, m -> PALETTE[colours.size() % PALETTE.length]);
    }

    /** The colour with {@code alpha} (0-255) for bands. */
    Color translucent(String method, int alpha) {
        Color c = of(method);
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha);
    }
}
