package org.xfer4j.api.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.xfer4j.api.XferException;

/** A pretrained ONNX graph plus what using it needs: inputs, preprocessing, pooling and a catalogue of layers. */
public interface SourceModel extends AutoCloseable {

    /** The reference that opens this model again (recorded in artifacts). */
    String reference();

    /** A display name. */
    String name();

    /** The ONNX graph on disk. */
    Path onnxFile();

    /** SHA-256 of the ONNX file, hex. */
    String sha256();

    /** The graph inputs. */
    List<InputSpec> inputs();

    /** Every layer (graph node) in topological order. */
    List<LayerInfo> layers();

    /** The layer whose output serves as features when none is named. */
    String defaultFeatureLayer();

    /** Turns samples into the graph's named input tensors. */
    Preprocessor preprocessor();

    /** How activations of rank above 2 are reduced to one vector per example. */
    Pooling pooling();

    /**
     * The layer named {@code name}: a node name or the name of a tensor a node outputs.
     *
     * @throws UnknownLayerException naming similar layers when there is none
     */
    default LayerInfo layer(String name) {
        for (LayerInfo l : layers()) {
            if (l.name().equals(name)) {
                return l;
            }
        }
        for (LayerInfo l : layers()) {
            if (l.outputs().contains(name)) {
                return l;
            }
        }
        List<String> close = new ArrayList<>();
        String needle = name.toLowerCase(Locale.ROOT);
        for (LayerInfo l : layers()) {
            String hay = l.name().toLowerCase(Locale.ROOT);
            if ((hay.contains(needle) || needle.contains(hay)) && close.size() < 5) {
                close.add(l.name());
            }
        }
        throw new UnknownLayerException("model " + name() + " has no layer '" + name + "'"
                + (close.isEmpty() ? "; list layers with `xfer4j layers " + reference() + "`" : "; similar: " + close));
    }

    @Override
    void close();

    /** A layer name that the model does not have. */
    final class UnknownLayerException extends XferException {
        private static final long serialVersionUID = 1L;

        public UnknownLayerException(String message) {
            super(message);
        }
    }
}
