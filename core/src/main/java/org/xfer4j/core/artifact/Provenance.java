package org.xfer4j.core.artifact;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.model.SourceModel;

/**
 * Where a target model came from: the source model (reference and declared preprocessing to reopen it, name,
 * SHA-256), the layers used, the training dataset (name, size, digest of its labels and samples), the seed, and the
 * platform that trained it.
 */
public record Provenance(String sourceReference, String sourceName, String sourceSha256, List<String> layers,
                         String datasetName, int datasetSize, String datasetDigest, long seed, String jvm, String os,
                         String xfer4jVersion, Map<String, String> sourcePreprocessing) {

    private static final String PREPROCESS = "source.preprocess.";

    public Provenance {
        layers = List.copyOf(layers);
        sourcePreprocessing = Map.copyOf(new TreeMap<>(sourcePreprocessing));
    }

    /** A provenance whose source model has no declared preprocessing. */
    public Provenance(String sourceReference, String sourceName, String sourceSha256, List<String> layers,
                      String datasetName, int datasetSize, String datasetDigest, long seed, String jvm, String os,
                      String xfer4jVersion) {
        this(sourceReference, sourceName, sourceSha256, layers, datasetName, datasetSize, datasetDigest, seed, jvm,
                os, xfer4jVersion, Map.of());
    }

    /**
     * The provenance of a model trained now, on this platform, from {@code source} and {@code training}, whose
     * {@link DatasetDigest} the caller has computed.
     */
    public static Provenance of(SourceModel source, List<String> layers, Dataset training, String datasetDigest,
                                long seed) {
        return new Provenance(source.reference(), source.name(), source.sha256(), layers, training.name(),
                training.size(), datasetDigest, seed, HostInfo.jvm(), HostInfo.os(),
                HostInfo.xfer4jVersion(), source.preprocessing());
    }

    Map<String, String> toProperties() {
        Map<String, String> m = new TreeMap<>();
        m.put("source.reference", sourceReference);
        m.put("source.name", sourceName);
        m.put("source.sha256", sourceSha256);
        m.put("source.layers", Integer.toString(layers.size()));
        for (int i = 0; i < layers.size(); i++) {
            m.put("source.layer." + i, layers.get(i));
        }
        m.put("dataset.name", datasetName);
        m.put("dataset.size", Integer.toString(datasetSize));
        m.put("dataset.sha256", datasetDigest);
        m.put("seed", Long.toString(seed));
        m.put("jvm", jvm);
        m.put("os", os);
        m.put("xfer4j.version", xfer4jVersion);
        sourcePreprocessing.forEach((k, v) -> m.put(PREPROCESS + k, v));
        return m;
    }

    private static Map<String, String> preprocessing(Map<String, String> p) {
        Map<String, String> m = new TreeMap<>();
        p.forEach((k, v) -> {
            if (k.startsWith(PREPROCESS)) {
                m.put(k.substring(PREPROCESS.length()), v);
            }
        });
        return m;
    }

    static Provenance fromProperties(Map<String, String> p, String file) {
        try {
            int layerCount = Integer.parseInt(Manifest.required(p, "source.layers", file));
            List<String> layers = new ArrayList<>();
            for (int i = 0; i < layerCount; i++) {
                layers.add(Manifest.required(p, "source.layer." + i, file));
            }
            return new Provenance(Manifest.required(p, "source.reference", file),
                    Manifest.required(p, "source.name", file), Manifest.required(p, "source.sha256", file), layers,
                    Manifest.required(p, "dataset.name", file),
                    Integer.parseInt(Manifest.required(p, "dataset.size", file)),
                    Manifest.required(p, "dataset.sha256", file), Long.parseLong(Manifest.required(p, "seed", file)),
                    Manifest.required(p, "jvm", file), Manifest.required(p, "os", file),
                    Manifest.required(p, "xfer4j.version", file), preprocessing(p));
        } catch (NumberFormatException e) {
            throw new InvalidInputException("artifact " + file + " has invalid provenance: " + e.getMessage(), e);
        }
    }
}
