package org.xfer4j.data.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.data.Sample;

/** Image files decode to samples; one declaring more pixels than the limit is refused before pixels are allocated. */
class ImageFilesTest {

    @TempDir
    Path dir;

    @Test
    void aSmallFileDeclaringAHugeImageIsRefusedByName() throws IOException {
        Path png = dir.resolve("bomb.png");
        ImageIO.write(new BufferedImage(4, 3, BufferedImage.TYPE_INT_RGB), "png", png.toFile());
        Sample.Image ok = ImageFiles.decode(png);
        assertThat(ok.width()).isEqualTo(4);
        assertThat(ok.height()).isEqualTo(3);
        // the file: 126 KB declaring 27000x27000 pixels ended in NegativeArraySizeException after 3 GB
        declareSize(png, 27_000, 27_000);
        assertThatThrownBy(() -> ImageFiles.decode(png)).isInstanceOf(InvalidInputException.class)
                .hasMessage("image " + png + " declares 27000x27000 pixels, more than the limit of "
                        + ImageFiles.MAX_PIXELS + " (-Dxfer4j.image.maxPixels)");
        assertThatThrownBy(() -> ImageFiles.decode(png, 100)).hasMessageContaining("more than the limit of 100");
    }

    @Test
    void aFileImageIoCannotReadIsNamed() throws IOException {
        Path notAnImage = Files.writeString(dir.resolve("notes.png"), "not an image");
        assertThatThrownBy(() -> ImageFiles.decode(notAnImage)).isInstanceOf(InvalidInputException.class)
                .hasMessage("cannot decode image " + notAnImage + ": not a format ImageIO reads");
    }

    /** Rewrites the width and height in the PNG's IHDR chunk (and its CRC), leaving the pixel data as it was. */
    private static void declareSize(Path png, int width, int height) throws IOException {
        byte[] b = Files.readAllBytes(png);
        // signature (8), IHDR length (4), "IHDR" (4), then width and height; the CRC follows the 13 data bytes
        ByteBuffer buf = ByteBuffer.wrap(b);
        buf.putInt(16, width).putInt(20, height);
        CRC32 crc = new CRC32();
        crc.update(b, 12, 4 + 13);
        buf.putInt(29, (int) crc.getValue());
        Files.write(png, b);
    }
}
