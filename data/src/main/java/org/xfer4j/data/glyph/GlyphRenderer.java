package org.xfer4j.data.glyph;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;

/**
 * Draws one character as a grey image, white ink on black as MNIST: the font's outline, scaled so its longer side
 * fills {@value #FILL} of the image and centred, then distorted, filled and stroked (to thicken or thin it) with
 * Java2D at {@value #OVERSAMPLE}x the size and averaged down, which anti-aliases without depending on any hinting.
 */
public final class GlyphRenderer {

    /** The share of the image side the undistorted glyph's longer side takes. */
    static final double FILL = 0.78;
    /** Drawn at this many times the size, then averaged over blocks. */
    static final int OVERSAMPLE = 4;

    private static final FontRenderContext OUTLINES = new FontRenderContext(null, true, true);

    private final int size;

    /** A renderer of {@code size} x {@code size} images. */
    public GlyphRenderer(int size) {
        this.size = size;
    }

    /** The character's outline in {@code font} (at 100 points), or null when the font draws it empty. */
    public static Shape outline(Font font, int codePoint) {
        Shape s = font.deriveFont(100f).createGlyphVector(OUTLINES, Character.toChars(codePoint)).getOutline();
        Rectangle2D b = s.getBounds2D();
        return b.getWidth() <= 0 && b.getHeight() <= 0 ? null : s;
    }

    /** {@code outline} drawn with {@code d}: size x size bytes, row-major, 0 background and up to 255 ink. */
    public byte[] render(Shape outline, Distortion d) {
        int big = size * OVERSAMPLE;
        Rectangle2D b = outline.getBounds2D();
        double fit = FILL * big / Math.max(b.getWidth(), b.getHeight());
        AffineTransform t = new AffineTransform();
        t.translate(big / 2.0 + d.shiftX() * big, big / 2.0 + d.shiftY() * big);
        t.rotate(d.rotation());
        t.shear(d.shear(), 0);
        t.scale(fit * d.scaleX(), fit * d.scaleY());
        t.translate(-b.getCenterX(), -b.getCenterY());
        Shape placed = t.createTransformedShape(outline);
        BufferedImage image = new BufferedImage(big, big, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setColor(Color.WHITE);
            g.fill(placed);
            double width = Math.abs(d.stroke()) * big;
            if (width > 0) { // a stroke along the outline grows the ink by half its width, or eats it in black
                g.setColor(d.stroke() > 0 ? Color.WHITE : Color.BLACK);
                g.setStroke(new BasicStroke((float) width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                g.draw(placed);
            }
        } finally {
            g.dispose();
        }
        byte[] big8 = ((java.awt.image.DataBufferByte) image.getRaster().getDataBuffer()).getData();
        byte[] out = new byte[size * size];
        int area = OVERSAMPLE * OVERSAMPLE;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int sum = 0;
                for (int dy = 0; dy < OVERSAMPLE; dy++) {
                    int row = (y * OVERSAMPLE + dy) * big + x * OVERSAMPLE;
                    for (int dx = 0; dx < OVERSAMPLE; dx++) {
                        sum += big8[row + dx] & 0xff;
                    }
                }
                out[y * size + x] = (byte) ((sum + area / 2) / area);
            }
        }
        return out;
    }
}
