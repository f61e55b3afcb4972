package org.xfer4j.api.model;

import java.util.List;
import java.util.Map;

/**
 * One layer (graph node): its name, operator type, the tensors it outputs, the parameters (initialisers) it reads
 * with their element count, and the shapes of its outputs where the graph declares or infers them (-1 for a dynamic
 * dimension such as the batch).
 */
public record LayerInfo(String name, String opType, List<String> outputs, List<String> parameters, long parameterCount,
                        Map<String, List<Long>> outputShapes) {

    public LayerInfo {
        outputs = List.copyOf(outputs);
        parameters = List.copyOf(parameters);
        outputShapes = Map.copyOf(outputShapes);
    }

    /** A layer whose output shapes are unknown. */
    public LayerInfo(String name, String opType, List<String> outputs, List<String> parameters, long parameterCount) {
        this(name, opType, outputs, parameters, parameterCount, Map.of());
    }
}
