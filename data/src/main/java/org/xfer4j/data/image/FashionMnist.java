package org.xfer4j.data.image;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.data.Dataset;

/**
 * Fashion-MNIST (60,000 training and 10,000 test grey 28x28 images of 10 kinds of clothing) from the files of the
 * Debian package dataset-fashion-mnist.
 */
public final class FashionMnist {

    /** Where Debian's dataset-fashion-mnist installs the files. */
    public static final Path DEBIAN_DIR = Path.of("/usr/share/datasets/fashion-mnist");

    /** The class names, in label order. */
    public static final List<String> CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private FashionMnist() {
    }

    /** The 60,000 training images. */
    public static Dataset train(Path cacheDir) {
        return open(DEBIAN_DIR, "train", cacheDir);
    }

    /** The 10,000 test images. */
    public static Dataset test(Path cacheDir) {
        return open(DEBIAN_DIR, "t10k", cacheDir);
    }

    /** The split {@code prefix} ("train" or "t10k") of the IDX files in {@code dir}. */
    public static Dataset open(Path dir, String prefix, Path cacheDir) {
        Path images = dir.resolve(prefix + "-images-idx3-ubyte.gz");
        Path labels = dir.resolve(prefix + "-labels-idx1-ubyte.gz");
        if (!Files.isRegularFile(images) || !Files.isRegularFile(labels)) {
            throw new InvalidInputException("Fashion-MNIST files " + images + " and " + labels
                    + " are missing; install them with: apt-get install dataset-fashion-mnist");
        }
        return IdxDataset.open("fashion-mnist:" + (prefix.equals("t10k") ? "test" : prefix), CLASSES, images, labels,
                cacheDir);
    }
}
