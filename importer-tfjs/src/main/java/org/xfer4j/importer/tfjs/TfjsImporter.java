package org.xfer4j.importer.tfjs;

import java.io.IOException;
import java.nio.file.Path;
import org.xfer4j.api.XferException;
import org.xfer4j.data.io.TextFiles;

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
        try {
            TextFiles.writeBytes(onnxFile, false, out -> out.write(bytes));
        } catch (IOException e) {
            throw new XferException("cannot write imported model " + onnxFile + ": " + e.getMessage(), e);
        }
    }

    /** The serialised ONNX model of {@code model}. */
    public static byte[] toOnnx(TfjsModel model) {
        String version = TfjsImporter.class.getPackage().getImplementationVersion();
        return Conversion.convert(model, version == null ? "dev" : version).toByteArray();
    }
}
