package org.xfer4j.runtime.onnx.model;

import ai.onnx.proto.OnnxMl.ModelProto;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.xfer4j.api.InvalidInputException;

/** Reads .onnx files into protobuf models, refusing files that are not (or no longer) a whole ONNX graph. */
public final class OnnxGraphs {

    private OnnxGraphs() {
    }

    /**
     * The model in {@code bytes}, read from {@code file}.
     *
     * @throws InvalidInputException naming the file when it is truncated, corrupt or holds no graph
     */
    public static ModelProto parse(byte[] bytes, Path file) {
        ModelProto model;
        try {
            model = ModelProto.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new InvalidInputException(file + " is not a valid ONNX model (truncated or corrupt: "
                    + e.getMessage() + ")", e);
        }
        if (!model.hasGraph() || model.getGraph().getNodeCount() == 0 || model.getGraph().getOutputCount() == 0) {
            throw new InvalidInputException(file + " is not a valid ONNX model: it holds no graph with nodes and"
                    + " outputs");
        }
        return model;
    }

    /** The bytes of {@code file}. */
    public static byte[] read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException("ONNX file " + file + " does not exist");
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
