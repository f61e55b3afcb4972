package org.xfer4j.api.meta;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.xfer4j.api.data.Tensor;

/** Named parameter tensors of a model, in a stable order. */
public record Parameters(Map<String, Tensor> tensors) {
    public Parameters {
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
    }
}
