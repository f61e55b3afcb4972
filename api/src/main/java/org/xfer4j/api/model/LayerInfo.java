package org.xfer4j.api.model;

import java.util.List;

/**
 * One layer (graph node): its name, operator type, the tensors it outputs and the parameters (initialisers) it reads,
 * with their element count.
 */
public record LayerInfo(String name, String opType, List<String> outputs, List<String> parameters, long parameterCount) {
    public LayerInfo {
        outputs = List.copyOf(outputs);
        parameters = List.copyOf(parameters);
    }
}
