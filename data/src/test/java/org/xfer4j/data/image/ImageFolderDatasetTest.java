package org.xfer4j.data.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.data.Sample;

class ImageFolderDatasetTest {

    @TempDir
    Path root;

    @Test
    void listsClassesInOrderAndDecodesRgbAndGreyFilesOnDemand() throws Exception {
        write(root.resolve("cat/b.png"), BufferedImage.TYPE_INT_RGB, 0x102030);
        write(root.resolve("cat/a.jpg"), BufferedImage.TYPE_INT_RGB, 0xff0000);
        write(root.resolve("ant/x.png"), BufferedImage.TYPE_BYTE_GRAY, 0x808080);
        Files.writeString(root.resolve("ant/notes.txt"), "ignored");
        ImageFolderDataset ds = ImageFolderDataset.open(root);
        assertThat(ds.classes()).containsExactly("ant", "cat");
        assertThat(ds.size()).isEqualTo(3);
        assertThat(ds.labels()).containsExactly(0, 1, 1);
        assertThat(ds.file(1).getFileName()).hasToString("a.jpg");
        Sample.Image grey = (Sample.Image) ds.sample(0);
        assertThat(grey.channels()).isEqualTo(1);
        assertThat(grey.pixels()[0] & 0xff).isEqualTo(0x80);
        Sample.Image png = (Sample.Image) ds.sample(2);
        assertThat(png.channels()).isEqualTo(3);
        assertThat(png.width()).isEqualTo(5);
        assertThat(png.height()).isEqualTo(4);
        assertThat(new int[] {png.pixels()[0] & 0xff, png.pixels()[1] & 0xff, png.pixels()[2] & 0xff})
                .containsExactly(0x10, 0x20, 0x30);
        Sample.Image jpg = (Sample.Image) ds.sample(1);
        assertThat(jpg.pixels()[0] & 0xff).isGreaterThan(200); // red survives JPEG compression
    }

    @Test
    void aCorruptFileIsNamedWhenItsSampleIsRead() throws Exception {
        Files.createDirectories(root.resolve("a"));
        Files.writeString(root.resolve("a/broken.jpg"), "not a jpeg");
        ImageFolderDataset ds = ImageFolderDataset.open(root);
        assertThatThrownBy(() -> ds.sample(0)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("broken.jpg");
    }

    @Test
    void refusesAFolderWithoutClassFolders() {
        assertThatThrownBy(() -> ImageFolderDataset.open(root)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no class sub-folders");
    }

    private static void write(Path file, int type, int rgb) throws Exception {
        Files.createDirectories(file.getParent());
        BufferedImage img = new BufferedImage(5, 4, type);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 5; x++) {
                if (type == BufferedImage.TYPE_BYTE_GRAY) {
                    img.getRaster().setSample(x, y, 0, rgb & 0xff); // setRGB would convert to linear grey
                } else {
                    img.setRGB(x, y, rgb);
                }
            }
        }
        String fmt = file.toString().endsWith(".png") ? "png" : "jpg";
        assertThat(ImageIO.write(img, fmt, file.toFile())).isTrue();
    }
}
