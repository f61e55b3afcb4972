package org.xfer4j.meta.learners;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.xfer4j.api.OptionReader;

/** Options of {@code leap}: the path norm (length or energy) and whether the loss change enters the update. */
public record LeapOptions(MetaOptions meta, LeapNorm norm, boolean lossTerm) implements LearnerOptions {

    /**
     * The defaults: path length with the loss term, 10 SGD steps at 0.02, outer Adam 0.01, 5 tasks per step, 3,000
     * meta-steps (the outer step and batch chosen on meta-validation sine waves, bench/README.md).
     */
    public static final LeapOptions DEFAULTS = new LeapOptions(new MetaOptions(10, 0.02, OptimizerKind.SGD, 0.01,
            OptimizerKind.ADAM, 5, 3000, false, 42, 500, true), LeapNorm.LENGTH, true);

    public LeapOptions {
        java.util.Objects.requireNonNull(meta, "meta");
        java.util.Objects.requireNonNull(norm, "norm");
    }

    static LeapOptions parse(Map<String, String> properties) {
        OptionReader r = OptionReader.of("leap", properties);
        LeapOptions o = new LeapOptions(MetaOptions.read(r, DEFAULTS.meta),
                r.getEnum("norm", LeapNorm.class, DEFAULTS.norm), r.getBoolean("lossTerm", DEFAULTS.lossTerm));
        r.finish();
        return o;
    }

    @Override
    public Map<String, String> toProperties() {
        Map<String, String> p = new LinkedHashMap<>(meta.properties());
        p.put("norm", norm.name().toLowerCase(Locale.ROOT));
        p.put("lossTerm", Boolean.toString(lossTerm));
        return p;
    }
}
