package org.xfer4j.importer.tfjs;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.xfer4j.api.XferException;

/**
 * Writes a {@link TfjsModel} as an ONNX graph (opset 17): the input is NCHW, every Keras layer's output is a tensor
 * (and node) named as the layer, so features are extracted by Keras layer name. The whole graph is built in memory
 * first and the file is written under a temporary name and renamed, so an unsupported layer leaves nothing behind.
 */
public final class TfjsImporter {

    private TfjsImporter() {
    }

    /**
     * Converts {@code model} and writes it to {@code onnxFile}, replacing it atomically.
     *
     * @throws UnsupportedLayerException naming the layer and its type when a layer cannot be translated
     */
    public static void write(TfjsModel model, Path onnxFile) {
        byte[] bytes = toOnnx(model);
        Path dir = onnxFile.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, onnxFile.getFileName().toString(), ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                out.write(bytes);
            }
            Files.move(tmp, onnxFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new XferException("cannot write imported model " + onnxFile + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the rename succeeded or the error above is the one worth reporting
                }
            }
        }
    }

    /** The serialised ONNX model of {@code model}. */
    public static byte[] toOnnx(TfjsModel model) {
        String version = TfjsImporter.class.getPackage().getImplementationVersion();
        return Conversion.convert(model, version == null ? "dev" : version).toByteArray();
    }
}
