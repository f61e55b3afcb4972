package org.xfer4j.api;

/** The version of the service-provider interface a provider was built against (major.minor). */
public record SpiVersion(int major, int minor) implements Comparable<SpiVersion> {

    /**
     * The SPI version of this api jar; 1.1 added the meta-learning contract's regression and checkpoint types and
     * {@code RepurposerProvider.searchSpace()}, and declared preprocessing
     * ({@code ModelSource.open(reference, preprocessing, context)}, {@code SourceModel.preprocessing()},
     * {@code Preprocessor.describe()}); 1.2 added ONNX export of feature models ({@code OnnxHead},
     * {@code FeatureClassifier.exportOnnx}, {@code FeatureExtractor.exportOnnx}), {@code TransferabilityEstimator},
     * {@code SourceModel.classificationHead()} and {@code FeatureMatrix.layer(String)}.
     */
    public static final SpiVersion CURRENT = new SpiVersion(1, 2);

    public SpiVersion {
        if (major < 0 || minor < 0) {
            throw new IllegalArgumentException("SPI version parts must be non-negative: " + major + "." + minor);
        }
    }

    /** Parses "major.minor". */
    public static SpiVersion parse(String text) {
        String[] parts = text.trim().split("\\.");
        if (parts.length != 2) {
            throw new IllegalArgumentException("SPI version must look like major.minor, got '" + text + "'");
        }
        try {
            return new SpiVersion(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("SPI version must look like major.minor, got '" + text + "'", e);
        }
    }

    /**
     * Whether a provider built against {@code this} version runs on a host offering {@code host}:
     * same major, and no newer minor than the host has.
     */
    public boolean runsOn(SpiVersion host) {
        return major == host.major && minor <= host.minor;
    }

    @Override
    public int compareTo(SpiVersion o) {
        return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
