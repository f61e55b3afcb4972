package org.xfer4j.repurposers.finetune;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xfer4j.api.InvalidOptionException;
import org.xfer4j.api.OptionReader;
import org.xfer4j.api.Options;

/**
 * Options of {@code random-freeze}.
 *
 * @param dropTop how many top layers of the source to drop before the new head (key {@code dropTop})
 * @param freeze layers whose parameters stay fixed (key {@code freeze}, comma-separated; {@code *} for all source
 *               layers)
 * @param reinitialise layers drawn afresh before training (key {@code reinit}, comma-separated)
 * @param learningRate learning rate of everything trained (key {@code lr})
 * @param training the shared training options
 */
public record RandomFreezeOptions(int dropTop, List<String> freeze, List<String> reinitialise, double learningRate,
        TrainingOptions training) implements Options {

    /** Drop one layer, freeze and re-initialise nothing, learning rate 0.01. */
    public static final RandomFreezeOptions DEFAULTS = new RandomFreezeOptions(1, List.of(), List.of(), 0.01,
            TrainingOptions.DEFAULTS);

    public RandomFreezeOptions {
        InvalidOptionException.require(dropTop >= 0, "dropTop must be >= 0, got " + dropTop);
        InvalidOptionException.require(learningRate > 0, "lr must be positive, got " + learningRate);
        freeze = List.copyOf(freeze);
        reinitialise = List.copyOf(reinitialise);
    }

    /** Whether every source layer is frozen. */
    public boolean freezesAll() {
        return freeze.contains("*");
    }

    /** Options from key=value properties; missing keys take {@link #DEFAULTS}. */
    public static RandomFreezeOptions parse(Map<String, String> properties) {
        OptionReader r = OptionReader.of("random-freeze", properties);
        RandomFreezeOptions o = new RandomFreezeOptions(r.getInt("dropTop", DEFAULTS.dropTop),
                names(r.getString("freeze", "")), names(r.getString("reinit", "")),
                r.getDouble("lr", DEFAULTS.learningRate), TrainingOptions.read(r));
        r.finish();
        return o;
    }

    private static List<String> names(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    @Override
    public Map<String, String> toProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("dropTop", Integer.toString(dropTop));
        p.put("freeze", String.join(",", freeze));
        p.put("reinit", String.join(",", reinitialise));
        p.put("lr", Double.toString(learningRate));
        training.write(p);
        return p;
    }

    @Override
    public Map<String, String> help() {
        return TrainingOptions.help(Map.of("dropTop", "top layers of the source dropped before the new head",
                "freeze", "layers kept fixed, comma-separated; * for all source layers",
                "reinit", "layers drawn afresh before training, comma-separated",
                "lr", "learning rate of everything trained"));
    }
}
