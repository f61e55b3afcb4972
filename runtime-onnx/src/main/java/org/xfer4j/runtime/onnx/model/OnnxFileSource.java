package org.xfer4j.runtime.onnx.model;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.model.ModelSource;
import org.xfer4j.api.model.SourceModel;
import org.xfer4j.runtime.onnx.text.TokenizerPreprocessor;

/**
 * Opens a local .onnx file. A text encoder's tokenizer is picked up from beside it: {@code <name>-tokenizer.json}
 * or {@code tokenizer.json} in the same folder.
 */
public final class OnnxFileSource implements ModelSource {

    @Override
    public String id() {
        return "onnx-file";
    }

    @Override
    public String description() {
        return "a local .onnx file (with tokenizer.json beside it for text encoders)";
    }

    @Override
    public boolean accepts(String reference) {
        return reference.toLowerCase(Locale.ROOT).endsWith(".onnx");
    }

    @Override
    public SourceModel open(String reference, ProviderContext context) {
        Path file = Path.of(reference);
        String fileName = file.getFileName().toString();
        String name = fileName.substring(0, fileName.length() - ".onnx".length());
        OnnxSourceModel model = OnnxSourceModel.load(reference, name, file);
        Path own = file.resolveSibling(name + "-" + ModelPackSource.TOKENIZER_FILE);
        return withTokenizerIfPresent(model, Files.isRegularFile(own) ? own
                : file.resolveSibling(ModelPackSource.TOKENIZER_FILE));
    }

    /** {@code model} tokenising text with {@code tokenizerJson} when that file exists, else unchanged. */
    static OnnxSourceModel withTokenizerIfPresent(OnnxSourceModel model, Path tokenizerJson) {
        if (!Files.isRegularFile(tokenizerJson)) {
            return model;
        }
        return model.withPreprocessor(TokenizerPreprocessor.load(tokenizerJson, model.inputs()));
    }
}
