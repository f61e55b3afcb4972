/** The Xfer4j host: plugin layers, the provider registry, Guice wiring, the artifact format and metrics. */
module org.xfer4j.core {
    requires transitive org.xfer4j.api;

    exports org.xfer4j.core.metrics;
}
