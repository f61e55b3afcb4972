/**
 * The entry point for applications: {@link org.xfer4j.core.Xfer} opens models, extracts features, repurposes,
 * saves and loads target models, with providers found by the registry and the runtime wired by Guice.
 */
package org.xfer4j.core;
