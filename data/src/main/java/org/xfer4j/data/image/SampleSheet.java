package org.xfer4j.data.image;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.data.Sample;

/** A picture of a grey-image dataset: one row per chosen class, its first examples side by side, enlarged. */
public final class SampleSheet {

    private static final int GAP = 2;

    private SampleSheet() {
    }

    /**
     * Writes a PNG of {@code perClass} examples of each of {@code classes}, every pixel drawn {@code zoom} times as
     * large.
     *
     * @throws InvalidInputException when an example is not a grey image, or the file cannot be written
     */
    public static Path write(Dataset data, List<Integer> classes, int perClass, int zoom, Path png) {
        int[] labels = data.labels();
        Sample.Image first = grey(data, 0);
        int cell = first.width() * zoom + GAP;
        BufferedImage sheet = new BufferedImage(perClass * cell + GAP, classes.size() * cell + GAP,
                BufferedImage.TYPE_BYTE_GRAY);
        for (int r = 0; r < classes.size(); r++) {
            int shown = 0;
            for (int i = 0; i < labels.length && shown < perClass; i++) {
                if (labels[i] != classes.get(r)) {
                    continue;
                }
                Sample.Image image = grey(data, i);
                for (int y = 0; y < image.height() * zoom; y++) {
                    for (int x = 0; x < image.width() * zoom; x++) {
                        int v = image.pixels()[(y / zoom) * image.width() + x / zoom] & 0xff;
                        sheet.getRaster().setSample(GAP + shown * cell + x, GAP + r * cell + y, 0, v);
                    }
                }
                shown++;
            }
        }
        try {
            Path parent = png.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            ImageIO.write(sheet, "png", png.toFile());
            return png;
        } catch (IOException e) {
            throw new InvalidInputException("cannot write the sample sheet " + png + ": " + e.getMessage(), e);
        }
    }

    private static Sample.Image grey(Dataset data, int i) {
        if (!(data.sample(i) instanceof Sample.Image image) || image.channels() != 1) {
            throw new InvalidInputException("a sample sheet needs grey images; example " + i + " of " + data.name()
                    + " is not one");
        }
        return image;
    }
}
