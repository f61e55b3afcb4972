/** Real material from package registries fetched into a local cache, and dataset sources (text, images) and splits. */
module org.xfer4j.data {
    requires transitive org.xfer4j.api;
    requires java.desktop;

    exports org.xfer4j.data.registry;
    exports org.xfer4j.data.image;
    exports org.xfer4j.data.io;
    exports org.xfer4j.data.json;
    exports org.xfer4j.data.spec;
    exports org.xfer4j.data.split;
    exports org.xfer4j.data.text;
}
