/**
 * Contract tests for providers: a provider's test class extends a contract (for example
 * {@link org.xfer4j.testkit.FeatureRepurposerContract}) and inherits every test the host relies on, plus helpers
 * such as an in-memory payload and seeded synthetic data.
 */
package org.xfer4j.testkit;
