package org.xfer4j.api.model;

import java.util.List;
import java.util.Map;
import org.xfer4j.api.data.Sample;
import org.xfer4j.api.data.Tensor;

/**
 * Turns a batch of samples into the named input tensors of a graph (tokenising, resizing, normalising).
 * Thread safety: extraction calls it from several threads at once, so it keeps no per-call state.
 */
@FunctionalInterface
public interface Preprocessor {

    /** The graph inputs for {@code batch}, each with the batch as its first dimension. */
    Map<String, Tensor> prepare(List<Sample> batch);

    /**
     * Everything that determines what {@link #prepare} makes of a sample (sizes, normalisation, the tokenizer's
     * hash...), as key=value properties: part of the key under which extracted features are cached, so features
     * prepared another way are never reused. The default names only the class (a lambda by its defining class,
     * whose hidden name changes from run to run); implementations should say more. (SPI 1.1)
     */
    default Map<String, String> describe() {
        String name = getClass().getName();
        int lambda = name.indexOf("$$Lambda");
        return Map.of("class", lambda < 0 ? name : name.substring(0, lambda) + "$$Lambda");
    }
}
