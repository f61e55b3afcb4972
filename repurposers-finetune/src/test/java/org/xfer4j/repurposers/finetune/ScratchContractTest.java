package org.xfer4j.repurposers.finetune;

import java.util.Map;
import org.xfer4j.api.Options;
import org.xfer4j.api.repurpose.GraphRepurposerProvider;

class ScratchContractTest extends TinySourceContract {

    private static final ScratchProvider PROVIDER = new ScratchProvider();

    @Override
    protected GraphRepurposerProvider provider() {
        return PROVIDER;
    }

    @Override
    protected Options options() {
        return PROVIDER.parseOptions(Map.of("transferLayer", "relu2", "epochs", "20", "batchSize", "16", "lr", "0.05"));
    }

    @Override
    protected Map<String, String> nonDefaultOptions() {
        return Map.of("transferLayer", "fc1", "lr", "0.5", "epochs", "3", "batchStatistics", "false");
    }
}
