package org.xfer4j.core.artifact;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.SpiVersion;
import org.xfer4j.api.Provider;

/**
 * What an artifact is: its format version, whether it holds a feature classifier or a graph model, the provider that
 * made it (id, version, SPI) and loads it back, the library versions that wrote it and when.
 */
public record Manifest(int formatVersion, Kind kind, String providerId, String providerVersion, SpiVersion providerSpi,
                       Map<String, String> libraries, Instant created) {

    /**
     * The newest format this Xfer4j writes and reads: 2 records the size and SHA-256 of every entry in the manifest;
     * 3 adds the calibration section, which a format-2 reader would ignore and so predict other probabilities: files
     * with one say 3, files without one still say 2; 1 (read still) relies on the zip's CRCs alone.
     */
    public static final int FORMAT_VERSION = 3;
    /** The first format whose manifest records the size and SHA-256 of every entry. */
    public static final int FIRST_WITH_DIGESTS = 2;
    /** The format of artifacts without a calibration section. */
    public static final int FORMAT_UNCALIBRATED = 2;
    private static final String LIBRARY = "library.";

    /** What the payload holds. */
    public enum Kind {
        /** A classifier over features of named layers of the source model (a FeatureRepurposerProvider's). */
        FEATURE,
        /** A model that runs on its own (a GraphRepurposerProvider's). */
        GRAPH,
        /** A meta-learned initialisation of a graph's parameters (a MetaLearnerProvider's), not a target model. */
        INITIALISATION;

        /** How messages name it. */
        public String label() {
            return switch (this) {
                case FEATURE -> "feature classifier";
                case GRAPH -> "graph model";
                case INITIALISATION -> "meta-learned initialisation";
            };
        }
    }

    public Manifest {
        libraries = Map.copyOf(libraries);
    }

    /** A format-2 manifest (no calibration section) for a model of {@code kind} made by {@code provider}, created now. */
    public static Manifest create(Kind kind, Provider provider) {
        return create(kind, provider, false);
    }

    /** A manifest in the oldest format that holds what the artifact holds: 3 when {@code calibrated}, else 2. */
    public static Manifest create(Kind kind, Provider provider, boolean calibrated) {
        return new Manifest(calibrated ? FORMAT_VERSION : FORMAT_UNCALIBRATED, kind, provider.id(),
                provider.version(), provider.spiVersion(), HostInfo.libraries(), Instant.now());
    }

    Map<String, String> toProperties() {
        Map<String, String> m = new TreeMap<>();
        m.put("format.version", Integer.toString(formatVersion));
        m.put("model.kind", kind.name().toLowerCase(Locale.ROOT));
        m.put("provider.id", providerId);
        m.put("provider.version", providerVersion);
        m.put("provider.spi", providerSpi.toString());
        m.put("created", created.toString());
        libraries.forEach((k, v) -> m.put(LIBRARY + k, v));
        return m;
    }

    /** Reads a manifest's properties; {@code file} names the artifact in errors. */
    static Manifest fromProperties(Map<String, String> p, String file) {
        int version = formatVersion(p, file);
        if (version > FORMAT_VERSION) {
            throw new InvalidInputException("artifact " + file + ": artifact format " + version
                    + " is newer than this Xfer4j supports (" + FORMAT_VERSION + ")");
        }
        if (version < 1) {
            throw new InvalidInputException("artifact " + file + " has format version " + version
                    + "; versions start at 1");
        }
        try {
            Map<String, String> libraries = new TreeMap<>();
            p.forEach((k, v) -> {
                if (k.startsWith(LIBRARY)) {
                    libraries.put(k.substring(LIBRARY.length()), v);
                }
            });
            SpiVersion spi = SpiVersion.parse(required(p, "provider.spi", file));
            if (spi.major() > SpiVersion.CURRENT.major()) {
                throw new InvalidInputException("artifact " + file + " was made by a provider built against SPI "
                        + spi + ", a newer major version than this Xfer4j's SPI " + SpiVersion.CURRENT);
            }
            return new Manifest(version, Kind.valueOf(required(p, "model.kind", file).toUpperCase(Locale.ROOT)),
                    required(p, "provider.id", file), required(p, "provider.version", file), spi, libraries,
                    Instant.parse(required(p, "created", file)));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new InvalidInputException("artifact " + file + " has an invalid manifest: " + e.getMessage(), e);
        }
    }

    private static int formatVersion(Map<String, String> p, String file) {
        String v = required(p, "format.version", file);
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("artifact " + file + " has format version '" + v + "', not an integer");
        }
    }

    static String required(Map<String, String> p, String key, String file) {
        String v = p.get(key);
        if (v == null) {
            throw new InvalidInputException("artifact " + file + " lacks " + key);
        }
        return v;
    }
}
