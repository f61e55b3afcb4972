package org.xfer4j.repurposers.finetune;

import java.util.LinkedHashMap;
import java.util.Map;
import org.xfer4j.api.InvalidOptionException;
import org.xfer4j.api.OptionReader;
import org.xfer4j.api.Progress;
import org.xfer4j.training.autodiff.Optimizer;
import org.xfer4j.training.LearningRateSchedule;
import org.xfer4j.training.TrainerConfig;

/**
 * The training options both fine-tuning repurposers share (keys {@code epochs}, {@code batchSize},
 * {@code optimizer} adam|sgd|momentum, {@code weightDecay}, {@code validation} fraction, {@code patience},
 * {@code schedule} constant|step:EVERY:GAMMA|cosine[:MIN]|linear[:WARMUP], {@code batchStatistics}: whether trained batch-norm layers
 * normalise by batch statistics and update their running ones, else keep them fixed).
 */
public record TrainingOptions(int epochs, int batchSize, OptimizerKind optimizer, double weightDecay,
        double validation, int patience, String schedule, boolean batchStatistics) {

    /** The optimisers on offer. */
    public enum OptimizerKind { ADAM, SGD, MOMENTUM }

    /** 8 epochs of Adam in batches of 32 with a cosine schedule, no validation split. */
    public static final TrainingOptions DEFAULTS = new TrainingOptions(8, 32, OptimizerKind.ADAM, 0, 0, 0, "cosine",
            false);

    public TrainingOptions {
        InvalidOptionException.require(epochs >= 1, "epochs must be at least 1, got " + epochs);
        InvalidOptionException.require(batchSize >= 1, "batchSize must be at least 1, got " + batchSize);
        InvalidOptionException.require(weightDecay >= 0, "weightDecay must be >= 0, got " + weightDecay);
        InvalidOptionException.require(validation >= 0 && validation < 1, "validation must be in [0, 1), got "
                + validation);
        InvalidOptionException.require(patience >= 0, "patience must be >= 0, got " + patience);
        LearningRateSchedule.parse(schedule);
    }

    static TrainingOptions read(OptionReader r) {
        TrainingOptions d = DEFAULTS;
        return new TrainingOptions(r.getInt("epochs", d.epochs), r.getInt("batchSize", d.batchSize),
                r.getEnum("optimizer", OptimizerKind.class, d.optimizer), r.getDouble("weightDecay", d.weightDecay),
                r.getDouble("validation", d.validation), r.getInt("patience", d.patience),
                r.getString("schedule", d.schedule), r.getBoolean("batchStatistics", d.batchStatistics));
    }

    void write(Map<String, String> p) {
        p.put("epochs", Integer.toString(epochs));
        p.put("batchSize", Integer.toString(batchSize));
        p.put("optimizer", optimizer.name().toLowerCase(java.util.Locale.ROOT));
        p.put("weightDecay", Double.toString(weightDecay));
        p.put("validation", Double.toString(validation));
        p.put("patience", Integer.toString(patience));
        p.put("schedule", schedule);
        p.put("batchStatistics", Boolean.toString(batchStatistics));
    }

    /** The optimiser these options name. */
    Optimizer toOptimizer() {
        return switch (optimizer) {
            case ADAM -> new Optimizer.Adam(0.9, 0.999, 1e-8, weightDecay);
            case SGD -> new Optimizer.Sgd(0, weightDecay);
            case MOMENTUM -> new Optimizer.Sgd(0.9, weightDecay);
        };
    }

    /** The trainer configuration for these options with base learning rates per parameter group. */
    TrainerConfig config(Map<String, Double> learningRates, long seed, Progress progress) {
        return new TrainerConfig(epochs, batchSize, seed, validation, patience, validation > 0,
                LearningRateSchedule.parse(schedule), learningRates, progress);
    }

    /** What each shared training key means, for the options records that embed these. */
    static Map<String, String> help(Map<String, String> own) {
        Map<String, String> all = new LinkedHashMap<>(own);
        all.put("epochs", "passes over the training data");
        all.put("batchSize", "examples per step");
        all.put("optimizer", "adam, sgd or momentum");
        all.put("weightDecay", "L2 penalty on the trained weights");
        all.put("validation", "fraction held out; its loss picks the epoch kept and the early stop");
        all.put("patience", "epochs without a lower (validation, else training) loss before stopping; 0: never");
        all.put("schedule", "learning-rate schedule: constant, step:EVERY:GAMMA, cosine[:MIN] or linear[:WARMUP] (per step)");
        all.put("batchStatistics", "trained batch-norm layers normalise by batch statistics and update their running ones");
        return all;
    }
}
