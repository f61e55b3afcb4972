package org.xfer4j.repurposers.finetune;

import java.util.Map;
import org.xfer4j.api.Options;
import org.xfer4j.api.repurpose.GraphRepurposerProvider;

class RandomFreezeContractTest extends TinySourceContract {

    private static final RandomFreezeProvider PROVIDER = new RandomFreezeProvider();

    @Override
    protected GraphRepurposerProvider provider() {
        return PROVIDER;
    }

    @Override
    protected Options options() {
        return PROVIDER.parseOptions(Map.of("dropTop", "1", "freeze", "fc1", "reinit", "fc2", "epochs", "20",
                "batchSize", "16", "lr", "0.05"));
    }

    @Override
    protected Map<String, String> nonDefaultOptions() {
        return Map.of("dropTop", "2", "freeze", "*", "reinit", "fc1", "lr", "0.5", "epochs", "3");
    }
}
