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
 * @param layerDecay layer-wise learning-rate decay of transformer encoders (key {@code layerDecay}): block K of L
 *                   trains at transferLr x layerDecay^(L - K), the embeddings at transferLr x layerDecay^L; 1: one rate
 * @param trainLayers how many of the top encoder depths train (key {@code trainLayers}; the embeddings are the lowest
 *                    depth, so MiniLM's 6 blocks make 7); the rest stays frozen; -1: all
 * @param clipNorm the global gradient norm is clipped to this (key {@code clipNorm}); 0: no clipping
 * @param maxLength tokens per text at most, for text models (key {@code maxLength}); 0: the model's own (128)
 * @param cachePrefix where every layer below the trained ones is frozen, run them once per example and train on
 *                    their cached outputs (key {@code cachePrefix}); costs memory for the cache (a text encoder's
 *                    hidden states: tokens x width floats per example)
 */
public record FinetuneOptions(String transferLayer, double headLearningRate, double transferLearningRate,
        TrainingOptions training, String init, double layerDecay, int trainLayers, double clipNorm, int maxLength,
        boolean cachePrefix) implements Options {

    /**
     * Head at 0.01, transferred layers at 0.0001, {@link TrainingOptions#DEFAULTS}. With Adam, 0.001 on the transferred
     * layers wiped out MobileNetV2's ImageNet features on a 45-image task (chance accuracy); 0.0001 kept them (0.96).
     */
    public static final FinetuneOptions DEFAULTS = new FinetuneOptions("", 0.01, 0.0001, TrainingOptions.DEFAULTS,
            "", 1, -1, 0, 0, true);

    public FinetuneOptions {
        InvalidOptionException.require(headLearningRate > 0, "headLr must be positive, got " + headLearningRate);
        InvalidOptionException.require(transferLearningRate >= 0, "transferLr must be >= 0, got "
                + transferLearningRate);
        InvalidOptionException.require(layerDecay > 0 && layerDecay <= 1, "layerDecay must be in (0, 1], got "
                + layerDecay);
        InvalidOptionException.require(trainLayers >= -1, "trainLayers must be >= 0, or -1 for all, got "
                + trainLayers);
        InvalidOptionException.require(clipNorm >= 0, "clipNorm must be >= 0 (0: no clipping), got " + clipNorm);
        InvalidOptionException.require(maxLength == 0 || maxLength >= 2, "maxLength must be >= 2 (0: the model's "
                + "own), got " + maxLength);
    }

    /** Options from key=value properties; missing keys take {@link #DEFAULTS}. */
    public static FinetuneOptions parse(Map<String, String> properties) {
        OptionReader r = OptionReader.of("finetune", properties);
        FinetuneOptions o = new FinetuneOptions(r.getString("transferLayer", DEFAULTS.transferLayer),
                r.getDouble("headLr", DEFAULTS.headLearningRate),
                r.getDouble("transferLr", DEFAULTS.transferLearningRate), TrainingOptions.read(r),
                r.getString("init", DEFAULTS.init), r.getDouble("layerDecay", DEFAULTS.layerDecay),
                r.getInt("trainLayers", DEFAULTS.trainLayers), r.getDouble("clipNorm", DEFAULTS.clipNorm),
                r.getInt("maxLength", DEFAULTS.maxLength), r.getBoolean("cachePrefix", DEFAULTS.cachePrefix));
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
        p.put("layerDecay", Double.toString(layerDecay));
        p.put("trainLayers", Integer.toString(trainLayers));
        p.put("clipNorm", Double.toString(clipNorm));
        p.put("maxLength", Integer.toString(maxLength));
        p.put("cachePrefix", Boolean.toString(cachePrefix));
        return p;
    }

    @Override
    public Map<String, String> help() {
        Map<String, String> own = new LinkedHashMap<>();
        own.put("transferLayer", "source layer the new head sits on; empty: the model's feature layer");
        own.put("headLr", "learning rate of the new head");
        own.put("transferLr", "learning rate of the transferred layers (of the top encoder block)");
        own.put("init", "a meta-train artifact whose parameters replace the source model's; empty: none");
        own.put("layerDecay", "each lower encoder block trains at this times the rate of the one above; 1: one rate");
        own.put("trainLayers", "train only the top N encoder depths (embeddings are the lowest); -1: all");
        own.put("clipNorm", "clip the global gradient norm to this; 0: no clipping");
        own.put("maxLength", "tokens per text at most (text models); 0: the model's own");
        own.put("cachePrefix", "run frozen lower layers once per example and train on their cached outputs");
        return TrainingOptions.help(own);
    }
}
