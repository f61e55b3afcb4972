package org.xfer4j.repurposers.finetune;

import java.util.Map;
import org.xfer4j.api.Options;
import org.xfer4j.api.repurpose.GraphRepurposerProvider;

class FinetuneContractTest extends TinySourceContract {

    private static final FinetuneProvider PROVIDER = new FinetuneProvider();

    @Override
    protected GraphRepurposerProvider provider() {
        return PROVIDER;
    }

    @Override
    protected Options options() {
        return PROVIDER.parseOptions(Map.of("transferLayer", "relu2", "epochs", "20", "batchSize", "16",
                "headLr", "0.05", "transferLr", "0.01"));
    }

    @Override
    protected Map<String, String> nonDefaultOptions() {
        return Map.of("transferLayer", "fc1", "headLr", "0.1", "optimizer", "momentum", "schedule", "step:2:0.5",
                "patience", "3", "batchStatistics", "true");
    }
}
