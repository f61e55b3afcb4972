package org.xfer4j.api.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.xfer4j.api.XferException;

/**
 * A pretrained ONNX graph plus what using it needs: inputs, preprocessing, pooling and a catalogue of layers.
 * <p>Thread safety: its accessors and its {@link #preprocessor()} may be used from many threads at once;
 * {@link #close()} must wait until the models and extractors using it are done.
 */
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
     * The preprocessing declared for this model (by its user, a file beside it or its metadata), complete, as
     * key=value properties that reopen it the same way through {@link ModelSource#open(String, Map,
     * org.xfer4j.api.ProviderContext)}; artifacts record it. Empty when the model source alone decides. (SPI 1.1)
     */
    default Map<String, String> preprocessing() {
        return Map.of();
    }

    /**
     * The model's own classifier, where its graph ends in one whose classes are known (SPI 1.2): its layer's
     * features are the model's class probabilities.
     */
    default Optional<ClassificationHead> classificationHead() {
        return Optional.empty();
    }

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
        List<String> close = closeNames(name, layers().stream().map(LayerInfo::name).toList());
        throw new UnknownLayerException("model " + name() + " has no layer '" + name + "'"
                + (close.isEmpty() ? "; list layers with `xfer4j layers " + reference() + "`" : "; similar: " + close));
    }

    @Override
    void close();

    /**
     * Up to five of {@code names} that look like {@code wanted}: those containing it (or contained in it) first,
     * then those fewest edits away, ignoring case.
     */
    static List<String> closeNames(String wanted, List<String> names) {
        String w = wanted.toLowerCase(Locale.ROOT);
        record Candidate(String name, boolean contains, int distance) {
        }
        List<Candidate> candidates = new ArrayList<>();
        for (String n : names) {
            String h = n.toLowerCase(Locale.ROOT);
            int d = editDistance(w, h);
            boolean contains = h.contains(w) || w.contains(h);
            if (contains || d <= Math.max(2, w.length() / 3)) {
                candidates.add(new Candidate(n, contains, d));
            }
        }
        return candidates.stream()
                .sorted(Comparator.comparing((Candidate c) -> !c.contains()).thenComparingInt(Candidate::distance))
                .limit(5).map(Candidate::name).toList();
    }

    private static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j], cur[j - 1]) + 1);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** A layer name that the model does not have. */
    final class UnknownLayerException extends XferException {
        private static final long serialVersionUID = 1L;

        public UnknownLayerException(String message) {
            super(message);
        }
    }
}
