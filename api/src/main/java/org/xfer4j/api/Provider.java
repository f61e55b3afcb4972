package org.xfer4j.api;

/**
 * What every provider found through ServiceLoader tells the host about itself. Thread safety: the host keeps one
 * instance of each provider and may call it from many threads at once, so providers keep no mutable state.
 */
public interface Provider {

    /** A stable, lower-case id such as "lr" or "bge-small-en-v1.5"; unique among providers of one kind. */
    String id();

    /** A one-line description for listings. */
    String description();

    /** The SPI version this provider was built against; the host skips providers whose major differs. */
    default SpiVersion spiVersion() {
        return SpiVersion.CURRENT;
    }

    /**
     * The provider's own version, recorded in saved artifacts: its jar's Implementation-Version, else its module's
     * version (packages of named modules carry no manifest attributes), else "unversioned".
     */
    default String version() {
        Package p = getClass().getPackage();
        String v = p == null ? null : p.getImplementationVersion();
        if (v == null && getClass().getModule().getDescriptor() != null) {
            v = getClass().getModule().getDescriptor().rawVersion().orElse(null);
        }
        return v == null ? "unversioned" : v;
    }
}
