package org.xfer4j.data.bad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.data.Sample;
import org.xfer4j.data.image.ImageFolderDataset;

/**
 * Image folders of the issue-15 sweep: 16-bit, palette and alpha PNGs decode to the colours they show; zero-byte,
 * corrupt, truncated and mislabelled files are refused naming the file when read; an empty class folder or a folder
 * without class folders is refused naming the folder; links that loop or dangle and stray files are passed over.
 */
class BadImageFoldersTest {

    @TempDir
    Path root;

    private Path cat;

    @BeforeEach
    void twoClasses() throws IOException {
        BufferedImage grey = new BufferedImage(4, 3, BufferedImage.TYPE_BYTE_GRAY);
        ImageIO.write(grey, "png", Files.createDirectories(root.resolve("ant")).resolve("ok.png").toFile());
        cat = Files.createDirectories(root.resolve("cat"));
        ImageIO.write(grey, "png", cat.resolve("ok.png").toFile());
    }

    @Test
    void sixteenBitPaletteAndAlphaPngsDecodeToTheColoursTheyShow() throws IOException {
        BufferedImage u16 = new BufferedImage(4, 3, BufferedImage.TYPE_USHORT_GRAY);
        u16.getRaster().setSample(0, 0, 0, 65535);
        ImageIO.write(u16, "png", cat.resolve("b16.png").toFile());
        IndexColorModel redOrBlack = new IndexColorModel(2, 2, new byte[] {0, (byte) 255}, new byte[2], new byte[2]);
        BufferedImage palette = new BufferedImage(4, 3, BufferedImage.TYPE_BYTE_INDEXED, redOrBlack);
        palette.getRaster().setSample(0, 0, 0, 1);
        ImageIO.write(palette, "png", cat.resolve("c-palette.png").toFile());
        BufferedImage alpha = new BufferedImage(4, 3, BufferedImage.TYPE_INT_ARGB);
        alpha.setRGB(0, 0, 0x80ff0000);
        ImageIO.write(alpha, "png", cat.resolve("a-alpha.png").toFile());
        ImageFolderDataset d = ImageFolderDataset.open(root);
        assertThat(d.size()).isEqualTo(5);
        for (int i = 1; i < 4; i++) {
            Sample.Image img = (Sample.Image) d.sample(i);
            assertThat(img.width()).as(d.file(i).toString()).isEqualTo(4);
            assertThat(img.pixels()[0] & 0xff).as("first pixel of " + d.file(i) + " is full red or white").isEqualTo(255);
        }
    }

    @Test
    void unreadableImagesAreRefusedNamingTheFileWhenRead() throws IOException {
        byte[] png = Files.readAllBytes(cat.resolve("ok.png"));
        for (var bad : new Object[][] {{"zero.png", new byte[0], "not a format ImageIO reads"},
                {"junk.jpg", new byte[] {(byte) 0xff, (byte) 0xd8, 1, 2, 3}, "cannot decode image"},
                {"cut.png", Arrays.copyOf(png, png.length / 2), "cannot decode image"},
                {"text.png", "not an image".getBytes(), "not a format ImageIO reads"}}) {
            Path f = Files.write(cat.resolve((String) bad[0]), (byte[]) bad[1]);
            ImageFolderDataset d = ImageFolderDataset.open(root);
            int at = d.size() - 1;
            while (!d.file(at).equals(f)) {
                at--;
            }
            int index = at;
            assertThatThrownBy(() -> d.sample(index)).as(f.toString()).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("cannot decode image " + f).hasMessageContaining((String) bad[2]);
            Files.delete(f);
        }
    }

    @Test
    void anEmptyClassFolderOrNoClassFoldersAreRefusedNamingTheFolder() throws IOException {
        Path empty = Files.createDirectories(root.resolve("dog"));
        assertThatThrownBy(() -> ImageFolderDataset.open(root)).isInstanceOf(InvalidInputException.class)
                .hasMessage("class folder " + empty + " holds no .jpg, .jpeg or .png file");
        Path flat = Files.createDirectories(root.resolveSibling(root.getFileName() + "-flat"));
        ImageIO.write(new BufferedImage(2, 2, BufferedImage.TYPE_BYTE_GRAY), "png", flat.resolve("a.png").toFile());
        assertThatThrownBy(() -> ImageFolderDataset.open(flat)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("image folder " + flat + " has no class sub-folders");
    }

    @Test
    void loopingAndDanglingLinksAndStrayFilesArePassedOver() throws IOException {
        Files.createSymbolicLink(cat.resolve("loop"), cat);
        Files.createSymbolicLink(cat.resolve("dangling.png"), root.resolve("nowhere.png"));
        Files.writeString(cat.resolve("notes.txt"), "not an image");
        ImageFolderDataset d = ImageFolderDataset.open(root);
        assertThat(d.classes()).containsExactly("ant", "cat");
        assertThat(d.size()).isEqualTo(2);
        assertThat(((Sample.Image) d.sample(1)).width()).isEqualTo(4);
    }
}
