package org.xfer4j.api;

/** What every provider found through ServiceLoader tells the host about itself. */
public interface Provider {

    /** A stable, lower-case id such as "lr" or "bge-small-en-v1.5"; unique among providers of one kind. */
    String id();

    /** A one-line description for listings. */
    String description();

    /** The SPI version this provider was built against; the host skips providers whose major differs. */
    default SpiVersion spiVersion() {
        return SpiVersion.CURRENT;
    }

    /** The provider's own version, recorded in saved artifacts. */
    default String version() {
        Package p = getClass().getPackage();
        String v = p == null ? null : p.getImplementationVersion();
        return v == null ? "unversioned" : v;
    }
}
