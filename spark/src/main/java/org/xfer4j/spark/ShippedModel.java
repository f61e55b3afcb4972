package org.xfer4j.spark;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * What an executor needs to open the driver's source model the same way: the files Spark ships (named by the model's
 * content hash, so an executor fetches each once), the complete preprocessing declaration, and what the driver's
 * preprocessor said it does, to check the executor's against it.
 *
 * @param name          the model's display name, for messages
 * @param sha256        the ONNX file's SHA-256: the executor checks the shipped file against it
 * @param onnxFile      the ONNX file's name among Spark's shipped files
 * @param tokenizerFile the tokenizer's name among Spark's shipped files, or null for a model without one
 * @param declaration   the preprocessing declaration, without the tokenizer path (the executor adds its own)
 * @param prepared      the driver preprocessor's {@code describe()}: the executor's must be equal
 * @param layers        the layers whose features are wanted, in column order (never empty)
 */
record ShippedModel(String name, String sha256, String onnxFile, String tokenizerFile, Map<String, String> declaration,
                    Map<String, String> prepared, List<String> layers) implements Serializable {

    ShippedModel {
        declaration = Map.copyOf(declaration);
        prepared = Map.copyOf(prepared);
        layers = List.copyOf(layers);
    }
}
