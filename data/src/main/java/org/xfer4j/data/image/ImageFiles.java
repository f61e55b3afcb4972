package org.xfer4j.data.image;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.data.Sample;

/**
 * Decodes image files (JPEG, PNG, whatever ImageIO reads) into 8-bit grey or RGB samples. The dimensions in a file's
 * header are checked against a pixel limit before any pixel memory is allocated, so a small file declaring a huge
 * image (a decompression bomb) is refused by name instead of exhausting memory.
 */
public final class ImageFiles {

    /**
     * The most pixels an image may have: -Dxfer4j.image.maxPixels, default 50 million (an 8K photo has 33 million;
     * decoding costs about 11 bytes per pixel).
     */
    public static final long MAX_PIXELS = Math.min(Long.getLong("xfer4j.image.maxPixels", 50_000_000L),
            Integer.MAX_VALUE / 4);

    private ImageFiles() {
    }

    /**
     * The pixels of {@code file}: one channel for grey images, else RGB (alpha dropped, palettes expanded).
     *
     * @throws InvalidInputException naming the file when it cannot be read or decoded, or declares more than
     *         {@link #MAX_PIXELS} pixels
     */
    public static Sample.Image decode(Path file) {
        return decode(file, MAX_PIXELS);
    }

    /** {@link #decode(Path)} with a pixel limit of {@code maxPixels}. */
    public static Sample.Image decode(Path file, long maxPixels) {
        return decode(file.toFile(), file.toString(), maxPixels);
    }

    /**
     * The pixels of an encoded image held in memory ({@code bytes}, e.g. a binary column), named {@code name} in
     * errors, as {@link #decode(Path)} reads a file.
     *
     * @throws InvalidInputException naming {@code name} when the bytes cannot be decoded
     */
    public static Sample.Image decode(byte[] bytes, String name) {
        return decode(new java.io.ByteArrayInputStream(bytes), name, MAX_PIXELS);
    }

    private static Sample.Image decode(Object source, String file, long maxPixels) {
        BufferedImage img;
        try (ImageInputStream in = ImageIO.createImageInputStream(source)) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new InvalidInputException("cannot decode image " + file + ": not a format ImageIO reads");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > maxPixels) {
                    throw new InvalidInputException("image " + file + " declares " + reader.getWidth(0) + "x"
                            + reader.getHeight(0) + " pixels, more than the limit of " + maxPixels
                            + " (-Dxfer4j.image.maxPixels)");
                }
                img = reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidInputException i) {
                throw i;
            }
            throw new InvalidInputException("cannot decode image " + file + ": " + e.getMessage(), e);
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
