package org.xfer4j.data.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sample sheets of an image folder whose classes hold colour and grey images of different sizes. */
class SampleSheetTest {

    @TempDir
    Path root;

    @Test
    void colourAndGreyImagesOfAnySizeAreScaledIntoTheirCellsWithFramesAndLabels() throws Exception {
        write(root.resolve("red/a.png"), 8, 4, 0xff0000); // wide: scaled to 16x8, centred in the 16-pixel cell
        write(root.resolve("red/b.png"), 2, 2, 0x00ff00);
        writeGrey(root.resolve("grey/c.png"), 4, 8, 0x40);
        ImageFolderDataset data = ImageFolderDataset.open(root); // classes: grey, red
        Path png = SampleSheet.ofClasses(data, List.of(1, 0), 5, 16).write(root.resolve("sheet.png"));
        BufferedImage plain = ImageIO.read(png.toFile());
        // two rows, the longer of two tiles: 2 + 2 * (16 + 2) wide and high
        assertThat(plain.getWidth()).isEqualTo(38);
        assertThat(plain.getHeight()).isEqualTo(38);
        assertThat(plain.getRGB(2 + 8, 2 + 8) & 0xffffff).isEqualTo(0xff0000); // inside the wide red image
        assertThat(plain.getRGB(2 + 8, 2 + 1) & 0xffffff).isEqualTo(0xffffff); // above it: background
        assertThat(plain.getRGB(20 + 15, 2 + 15) & 0xffffff).isEqualTo(0x00ff00); // 2x2 enlarged 8 times
        assertThat(plain.getRaster().getSample(2 + 8, 20 + 8, 1)).isEqualTo(0x40); // grey as r = g = b

        SampleSheet framed = new SampleSheet(16).row("12", List.of(SampleSheet.Tile.of(SampleSheet.image(data, 0)),
                new SampleSheet.Tile(SampleSheet.image(data, 1), Color.BLUE, "as 2")));
        int[] at = framed.origin(0, 1);
        BufferedImage drawn = framed.draw();
        assertThat(at[0]).isGreaterThanOrEqualTo(2 * (16 + 4)); // after the label and one framed tile
        assertThat(drawn.getRGB(at[0] - 1, at[1] - 1) & 0xffffff).isEqualTo(0x0000ff);
        assertThat(drawn.getRGB(at[0] + 8, at[1] + 8) & 0xffffff).isEqualTo(0xff0000);

        List<Integer> grey = List.of(0);
        Path greySheet = SampleSheet.write(data, grey, 3, 2, root.resolve("grey.png"));
        assertThat(ImageIO.read(greySheet.toFile()).getType()).isEqualTo(BufferedImage.TYPE_BYTE_GRAY);
    }

    private static void write(Path file, int w, int h, int rgb) throws Exception {
        Files.createDirectories(file.getParent());
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, rgb);
            }
        }
        assertThat(ImageIO.write(img, "png", file.toFile())).isTrue();
    }

    private static void writeGrey(Path file, int w, int h, int v) throws Exception {
        Files.createDirectories(file.getParent());
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.getRaster().setSample(x, y, 0, v); // setRGB would convert to linear grey
            }
        }
        assertThat(ImageIO.write(img, "png", file.toFile())).isTrue();
    }
}
