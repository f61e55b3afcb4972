package org.xfer4j.api.model;

import java.util.List;
import org.xfer4j.api.data.DType;

/** One graph input: its name, element type and shape (-1 for a dynamic dimension). */
public record InputSpec(String name, DType dtype, List<Long> shape) {
    public InputSpec {
        shape = List.copyOf(shape);
    }
}
