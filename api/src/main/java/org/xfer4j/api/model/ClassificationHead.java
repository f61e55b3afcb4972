package org.xfer4j.api.model;

import java.util.List;
import java.util.Objects;

/**
 * A source model's own classifier: the layer whose output is a probability distribution over the classes the model
 * was trained on, and those classes' names in output order.
 */
public record ClassificationHead(String layer, List<String> classes) {

    public ClassificationHead {
        Objects.requireNonNull(layer, "layer");
        classes = List.copyOf(classes);
        if (classes.size() < 2) {
            throw new IllegalArgumentException("a classification head needs at least 2 classes, got " + classes);
        }
    }
}
