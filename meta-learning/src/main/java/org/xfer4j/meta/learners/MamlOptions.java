package org.xfer4j.meta.learners;

import java.util.LinkedHashMap;
import java.util.Map;
import org.xfer4j.api.InvalidOptionException;
import org.xfer4j.api.OptionReader;

/**
 * Options of {@code maml}: second order through the inner loop unless {@code firstOrder}; each task's outer gradient
 * scaled down to norm {@code clipNorm} where longer (0: not clipped).
 */
public record MamlOptions(MetaOptions meta, boolean firstOrder, double clipNorm) implements LearnerOptions {

    /**
     * The defaults: 10 SGD steps at 0.02, second order, outer Adam 0.001, 5 tasks per step, 3,000 meta-steps (the
     * batch chosen on meta-validation sine waves, bench/README.md).
     */
    public static final MamlOptions DEFAULTS = new MamlOptions(new MetaOptions(10, 0.02, OptimizerKind.SGD, 0.001,
            OptimizerKind.ADAM, 5, 3000, false, 42, 500, true), false, 0);

    public MamlOptions {
        java.util.Objects.requireNonNull(meta, "meta");
        if (!(clipNorm >= 0) || Double.isInfinite(clipNorm)) {
            throw new InvalidOptionException("option clipNorm=" + clipNorm + " of maml must be a finite number >= 0 "
                    + "(0: outer gradients not clipped)");
        }
        if (!firstOrder && meta.innerOptimizer() != OptimizerKind.SGD) {
            throw new InvalidOptionException("option innerOptimizer=" + meta.innerOptimizer().name().toLowerCase(
                    java.util.Locale.ROOT) + " of maml: second-order MAML differentiates SGD inner steps only; "
                    + "use innerOptimizer=sgd or firstOrder=true");
        }
    }

    static MamlOptions parse(Map<String, String> properties) {
        OptionReader r = OptionReader.of("maml", properties);
        MamlOptions o = new MamlOptions(MetaOptions.read(r, DEFAULTS.meta),
                r.getBoolean("firstOrder", DEFAULTS.firstOrder), r.getDouble("clipNorm", DEFAULTS.clipNorm));
        r.finish();
        return o;
    }

    @Override
    public Map<String, String> toProperties() {
        Map<String, String> p = new LinkedHashMap<>(meta.properties());
        p.put("firstOrder", Boolean.toString(firstOrder));
        p.put("clipNorm", Double.toString(clipNorm));
        return p;
    }
}
