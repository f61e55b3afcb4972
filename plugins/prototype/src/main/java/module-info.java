/** Example third-party plugin: a nearest-prototype (class centroid) classifier over extracted features. */
module org.xfer4j.plugin.prototype {
    requires org.xfer4j.api;

    exports org.xfer4j.plugin.prototype;

    provides org.xfer4j.api.repurpose.RepurposerProvider with org.xfer4j.plugin.prototype.PrototypeProvider;
}
