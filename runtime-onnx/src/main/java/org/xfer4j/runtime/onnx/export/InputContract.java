package org.xfer4j.runtime.onnx.export;

import java.util.List;
import java.util.stream.Collectors;
import org.xfer4j.api.model.InputSpec;
import org.xfer4j.api.model.SourceModel;
import org.xfer4j.runtime.onnx.image.ImagePreprocessor;
import org.xfer4j.runtime.onnx.text.TokenizerPreprocessor;

/** What a caller of an exported graph must feed it, in words written into the graph's metadata. */
final class InputContract {

    private InputContract() {
    }

    /** "name: DTYPE [dims]". */
    static String describe(InputSpec in) {
        return in.name() + ": " + in.dtype() + " " + in.shape().stream().map(d -> d > 0 ? d.toString() : "?")
                .collect(Collectors.joining(", ", "[", "]"));
    }

    /** How examples become the inputs: the tokenizer contract for text, the image layout for images. */
    static String preprocessing(SourceModel model) {
        return switch (model.preprocessor()) {
            case TokenizerPreprocessor t -> "text: tokenise with the model's tokenizer.json (exported beside this"
                    + " graph), special tokens added, truncated to " + t.maxLength() + " tokens, padded with the"
                    + " tokenizer's padding to the longest text of the batch; feed " + t.inputNames()
                    + " as int64 [batch, tokens] (ids, 1 for real tokens and 0 for padding, type ids)";
            case ImagePreprocessor i -> "image: " + i.spec() + ", float32 NCHW into input "
                    + model.inputs().getFirst().name() + " (value = (pixel * scale - mean) / std per channel)";
            default -> "tensors as the inputs declare: " + List.copyOf(model.inputs().stream()
                    .map(InputContract::describe).toList());
        };
    }
}
