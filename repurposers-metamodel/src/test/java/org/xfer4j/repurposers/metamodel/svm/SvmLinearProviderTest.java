package org.xfer4j.repurposers.metamodel.svm;

import java.util.Map;
import org.xfer4j.api.Options;
import org.xfer4j.api.repurpose.FeatureRepurposerProvider;
import org.xfer4j.testkit.FeatureRepurposerContract;

/** The contract with the linear kernel. */
class SvmLinearProviderTest extends FeatureRepurposerContract {

    private final SvmProvider provider = new SvmProvider();

    @Override
    protected FeatureRepurposerProvider provider() {
        return provider;
    }

    @Override
    protected Options options() {
        return provider.parseOptions(Map.of("kernel", "linear"));
    }

    @Override
    protected Map<String, String> nonDefaultOptions() {
        return Map.of("kernel", "linear", "C", "0.5", "tol", "0.01", "maxIter", "200");
    }
}
