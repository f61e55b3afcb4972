package org.xfer4j.repurposers.finetune;

import java.util.LinkedHashMap;
import java.util.Map;
import org.xfer4j.api.InvalidOptionException;
import org.xfer4j.api.OptionReader;
import org.xfer4j.api.Options;

/**
 * Options of {@code finetune}.
 *
 * @param transferLayer the source layer the new head sits on (key {@code transferLayer}; empty: the source model's
 *                      default feature layer)
 * @param headLearningRate learning rate of the new head (key {@code headLr})
 * @param transferLearningRate learning rate of the transferred layers (key {@code transferLr}), usually smaller
 * @param training the shared training options
 * @param init a meta-learned initialisation artifact ({@code xfer4j meta-train}) whose parameters replace the source
 *             graph's before fine-tuning (key {@code init}; empty: the source model's own)
 */
public record FinetuneOptions(String transferLayer, double headLearningRate, double transferLearningRate,
        TrainingOptions training, String init) implements Options {

    /**
     * Head at 0.01, transferred layers at 0.0001, {@link TrainingOptions#DEFAULTS}. With Adam, 0.001 on the transferred
     * layers wiped out MobileNetV2's ImageNet features on a 45-image task (chance accuracy); 0.0001 kept them (0.96).
     */
    public static final FinetuneOptions DEFAULTS = new FinetuneOptions("", 0.01, 0.0001, TrainingOptions.DEFAULTS,
            "");

    public FinetuneOptions {
        InvalidOptionException.require(headLearningRate > 0, "headLr must be positive, got " + headLearningRate);
        InvalidOptionException.require(transferLearningRate >= 0, "transferLr must be >= 0, got "
                + transferLearningRate);
    }

    /** Options from key=value properties; missing keys take {@link #DEFAULTS}. */
    public static FinetuneOptions parse(Map<String, String> properties) {
        OptionReader r = OptionReader.of("finetune", properties);
        FinetuneOptions o = new FinetuneOptions(r.getString("transferLayer", DEFAULTS.transferLayer),
                r.getDouble("headLr", DEFAULTS.headLearningRate),
                r.getDouble("transferLr", DEFAULTS.transferLearningRate), TrainingOptions.read(r),
                r.getString("init", DEFAULTS.init));
        r.finish();
        return o;
    }

    @Override
    public Map<String, String> toProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("transferLayer", transferLayer);
        p.put("headLr", Double.toString(headLearningRate));
        p.put("transferLr", Double.toString(transferLearningRate));
        training.write(p);
        p.put("init", init);
        return p;
    }

    @Override
    public Map<String, String> help() {
        return TrainingOptions.help(Map.of(
                "transferLayer", "source layer the new head sits on; empty: the model's feature layer",
                "headLr", "learning rate of the new head",
                "transferLr", "learning rate of the transferred layers",
                "init", "a meta-train artifact whose parameters replace the source model's; empty: none"));
    }
}
