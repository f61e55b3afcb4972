package org.xfer4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.data.Sample;

/** What the command-line tests share: image folders of real pictures, and reading the accuracy a command prints. */
final class Fixtures {

    private Fixtures() {
    }

    /** A folder per class (T-shirt, trouser, sneaker) of {@code perClass} Fashion-MNIST images as PNG files. */
    static Path imageFolder(Path root, Dataset data, int perClass) throws IOException {
        for (int label : new int[] {0, 1, 7}) {
            Path folder = Files.createDirectories(root.resolve("class" + label));
            int written = 0;
            for (int i = 0; i < data.size() && written < perClass; i++) {
                if (data.label(i) == label) {
                    Sample.Image img = (Sample.Image) data.sample(i);
                    BufferedImage grey = new BufferedImage(img.width(), img.height(), BufferedImage.TYPE_BYTE_GRAY);
                    grey.getRaster().setDataElements(0, 0, img.width(), img.height(), img.pixels());
                    ImageIO.write(grey, "png", folder.resolve(i + ".png").toFile());
                    written++;
                }
            }
        }
        return root;
    }

    /** The first "accuracy 0.NNN" a command printed. */
    static double accuracy(String out) {
        Matcher m = Pattern.compile("accuracy (\\d\\.\\d+)").matcher(out);
        assertThat(m.find()).as(out).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
