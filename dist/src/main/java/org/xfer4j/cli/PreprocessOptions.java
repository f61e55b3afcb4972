package org.xfer4j.cli;

import java.util.List;
import java.util.Map;
import org.xfer4j.api.model.SourceModel;
import org.xfer4j.core.Xfer;
import org.xfer4j.runtime.onnx.model.PreprocessingDeclaration;
import picocli.CommandLine.Option;

/** The {@code --preprocess} option of commands that open a model: how an .onnx file's images or texts are prepared. */
final class PreprocessOptions {

    @Option(names = "--preprocess", paramLabel = "KEY=VALUE,...", description = "Preprocessing of an .onnx model "
            + "(repeatable; overrides NAME.preprocess.properties beside it and its metadata): images: "
            + "preset=imagenet|unit|symmetric|raw or mean=..,std=.. (one value or one per channel), scale (default "
            + "1/255), height, width (or size), layout=nchw|nhwc, channels=rgb|bgr|grey, resize=stretch|crop, "
            + "resizeShorter, sampling=half-pixel|align-corners, input; text: tokenizer=PATH, maxLength; pooling="
            + "mean|flatten|first-token. Read from the graph where it tells.")
    List<String> preprocess = List.of();

    /** Opens {@code reference} with the declared preprocessing. */
    SourceModel open(Xfer xfer, String reference) {
        return xfer.openModel(reference, declared());
    }

    /** The declared preprocessing as key=value pairs (empty when none is given). */
    Map<String, String> declared() {
        return PreprocessingDeclaration.parse(preprocess);
    }
}
