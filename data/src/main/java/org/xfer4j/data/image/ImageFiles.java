package org.xfer4j.data.image;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.data.Sample;

/** Decodes image files (JPEG, PNG, whatever ImageIO reads) into 8-bit grey or RGB samples. */
public final class ImageFiles {

    private ImageFiles() {
    }

    /**
     * The pixels of {@code file}: one channel for grey images, else RGB (alpha dropped, palettes expanded).
     *
     * @throws InvalidInputException naming the file when it cannot be read or decoded
     */
    public static Sample.Image decode(Path file) {
        BufferedImage img;
        try {
            img = ImageIO.read(file.toFile());
        } catch (IOException e) {
            throw new InvalidInputException("cannot decode image " + file + ": " + e.getMessage(), e);
        }
        if (img == null) {
            throw new InvalidInputException("cannot decode image " + file + ": not a format ImageIO reads");
        }
        int w = img.getWidth();
        int h = img.getHeight();
        if (img.getType() == BufferedImage.TYPE_BYTE_GRAY) {
            byte[] grey = new byte[w * h];
            img.getRaster().getDataElements(0, 0, w, h, grey);
            return new Sample.Image(w, h, 1, grey);
        }
        int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
        byte[] rgb = new byte[w * h * 3];
        for (int i = 0; i < argb.length; i++) {
            rgb[3 * i] = (byte) (argb[i] >> 16);
            rgb[3 * i + 1] = (byte) (argb[i] >> 8);
            rgb[3 * i + 2] = (byte) argb[i];
        }
        return new Sample.Image(w, h, 3, rgb);
    }
}
