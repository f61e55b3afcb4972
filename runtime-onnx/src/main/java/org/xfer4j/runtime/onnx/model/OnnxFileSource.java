package org.xfer4j.runtime.onnx.model;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.model.ModelSource;
import org.xfer4j.api.model.SourceModel;
import org.xfer4j.runtime.onnx.text.TokenizerPreprocessor;

/**
 * Opens a local .onnx file with the preprocessing its user declares ({@link PreprocessingDeclaration}: options, a
 * {@code NAME.preprocess.properties} file beside it, its metadata_props) and the graph tells. A text encoder's
 * tokenizer is picked up from beside it: {@code <name>-tokenizer.json} or {@code tokenizer.json} in the same folder.
 */
public final class OnnxFileSource implements ModelSource {

    @Override
    public String id() {
        return "onnx-file";
    }

    @Override
    public String description() {
        return "a local .onnx file (with tokenizer.json beside it for text encoders, NAME.preprocess.properties or "
                + "--preprocess for image models)";
    }

    @Override
    public boolean accepts(String reference) {
        return reference.toLowerCase(Locale.ROOT).endsWith(".onnx");
    }

    @Override
    public SourceModel open(String reference, ProviderContext context) {
        return open(reference, Map.of(), context);
    }

    @Override
    public SourceModel open(String reference, Map<String, String> preprocessing, ProviderContext context) {
        Path file = Path.of(reference);
        String fileName = file.getFileName().toString();
        String name = fileName.substring(0, fileName.length() - ".onnx".length());
        OnnxSourceModel model = OnnxSourceModel.load(reference, name, file);
        Path own = file.resolveSibling(name + "-" + ModelPackSource.TOKENIZER_FILE);
        Path shared = file.resolveSibling(ModelPackSource.TOKENIZER_FILE);
        Path beside = Files.isRegularFile(own) ? own : Files.isRegularFile(shared) ? shared : null;
        PreprocessingDeclaration declaration = PreprocessingDeclaration.gather(file, model.metadata(), preprocessing);
        return DeclaredPreprocessing.apply(model, declaration, beside);
    }

    /** {@code model} tokenising text with {@code tokenizerJson} when that file exists, else unchanged. */
    static OnnxSourceModel withTokenizerIfPresent(OnnxSourceModel model, Path tokenizerJson) {
        if (!Files.isRegularFile(tokenizerJson)) {
            return model;
        }
        return model.withPreprocessor(TokenizerPreprocessor.load(tokenizerJson, model.inputs()));
    }
}
