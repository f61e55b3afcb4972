package org.xfer4j.testkit;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xfer4j.api.Options;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.repurpose.RepurposerProvider;

/** What every repurposer contract shares: hooks, identity and options tests; extended by the concrete contracts. */
public abstract class RepurposerOptionsContract {

    /** The provider under test. */
    protected abstract RepurposerProvider provider();

    /** The options the training tests use; defaults to the provider's defaults (override to keep slow methods fast). */
    protected Options options() {
        return provider().defaultOptions();
    }

    /** The context training runs with; its seed must make training deterministic. */
    protected ProviderContext context() {
        return ProviderContext.defaults().withSeed(7L);
    }

    /**
     * The test accuracy a trained model must reach on the well-separated blobs (chance is 1/3). Any working
     * method separates them almost perfectly, so 0.9 leaves room for regularised or approximate methods.
     */
    protected double minimumAccuracy() {
        return 0.9;
    }

    /** Properties that differ from the defaults, to check they parse and round-trip; empty skips that test. */
    protected Map<String, String> nonDefaultOptions() {
        return Map.of();
    }

    @Test
    public void idIsLowerCaseAndSpiRunsOnThisHost() {
        ProviderChecks.identity(provider());
    }

    @Test
    public void defaultOptionsRoundTripThroughProperties() {
        ProviderChecks.defaultOptionsRoundTrip(provider());
    }

    @Test
    public void nonDefaultOptionsRoundTripThroughProperties() {
        ProviderChecks.nonDefaultOptionsRoundTrip(provider(), nonDefaultOptions());
    }

    @Test
    public void unknownOptionIsRejectedByName() {
        ProviderChecks.unknownOptionRejected(provider());
    }
}
