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
}
