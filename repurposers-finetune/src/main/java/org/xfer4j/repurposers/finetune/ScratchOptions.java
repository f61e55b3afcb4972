package org.xfer4j.repurposers.finetune;

import java.util.LinkedHashMap;
import java.util.Map;
import org.xfer4j.api.InvalidOptionException;
import org.xfer4j.api.OptionReader;
import org.xfer4j.api.Options;

/**
 * Options of {@code scratch}.
 *
 * @param transferLayer the source layer the new head sits on, as for {@code finetune} (key {@code transferLayer};
 *                      empty: the source model's default feature layer)
 * @param learningRate learning rate of every parameter (key {@code lr})
 * @param training the shared training options
 */
public record ScratchOptions(String transferLayer, double learningRate, TrainingOptions training) implements Options {

    /**
     * Learning rate 0.001 (Adam's usual rate from random weights) and batch statistics on: freshly drawn batch-norm
     * layers have no running statistics worth keeping.
     */
    public static final ScratchOptions DEFAULTS = new ScratchOptions("", 0.001, new TrainingOptions(
            TrainingOptions.DEFAULTS.epochs(), TrainingOptions.DEFAULTS.batchSize(), TrainingOptions.DEFAULTS.optimizer(),
            0, 0, 0, TrainingOptions.DEFAULTS.schedule(), true));

    public ScratchOptions {
        InvalidOptionException.require(learningRate > 0, "lr must be positive, got " + learningRate);
    }

    /** Options from key=value properties; missing keys take {@link #DEFAULTS}. */
    public static ScratchOptions parse(Map<String, String> properties) {
        Map<String, String> withDefaults = new LinkedHashMap<>(properties);
        withDefaults.putIfAbsent("batchStatistics", "true");
        OptionReader r = OptionReader.of("scratch", withDefaults);
        ScratchOptions o = new ScratchOptions(r.getString("transferLayer", DEFAULTS.transferLayer),
                r.getDouble("lr", DEFAULTS.learningRate), TrainingOptions.read(r));
        r.finish();
        return o;
    }

    @Override
    public Map<String, String> toProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("transferLayer", transferLayer);
        p.put("lr", Double.toString(learningRate));
        training.write(p);
        return p;
    }

    @Override
    public Map<String, String> help() {
        return TrainingOptions.help(Map.of(
                "transferLayer", "source layer the new head sits on; empty: the model's feature layer",
                "lr", "learning rate of every parameter"));
    }
}
