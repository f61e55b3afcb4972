package org.xfer4j.data.glyph;

import java.util.SplittableRandom;

/**
 * The small changes that make one sample of a character differ from another drawn with the same font, as a hand
 * would: rotation (radians), horizontal shear, scale per axis, shift (fractions of the image side) and stroke width
 * change (a fraction of the side: positive thickens, negative thins).
 */
public record Distortion(double rotation, double shear, double scaleX, double scaleY, double shiftX, double shiftY,
        double stroke) {

    /** No change: the font's own glyph, centred. */
    public static final Distortion NONE = new Distortion(0, 0, 1, 1, 0, 0, 0);

    /**
     * A random distortion; at {@code amount} 1: rotation within ±12°, shear within ±0.2, scale 0.85-1.1 per axis,
     * shift within ±6 % of the side, stroke from 1.5 % thinner to 5 % thicker; {@code amount} scales every range.
     */
    public static Distortion draw(SplittableRandom random, double amount) {
        return new Distortion(Math.toRadians(12) * amount * symmetric(random), 0.2 * amount * symmetric(random),
                1 + amount * (-0.15 + 0.25 * random.nextDouble()), 1 + amount * (-0.15 + 0.25 * random.nextDouble()),
                0.06 * amount * symmetric(random), 0.06 * amount * symmetric(random),
                amount * (-0.015 + 0.065 * random.nextDouble()));
    }

    private static double symmetric(SplittableRandom random) {
        return 2 * random.nextDouble() - 1;
    }
}
