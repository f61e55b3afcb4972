/** Contract tests that every Xfer4j provider must pass, for built-in and third-party plugins alike. Apache-2.0. */
module org.xfer4j.testkit {
    requires transitive org.xfer4j.api;
    requires transitive org.junit.jupiter.api;
    requires transitive org.assertj.core;

    exports org.xfer4j.testkit;

    // JUnit reflects over the inherited contract test methods.
    opens org.xfer4j.testkit to org.junit.platform.commons;
}
