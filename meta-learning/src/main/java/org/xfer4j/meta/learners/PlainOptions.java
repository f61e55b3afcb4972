package org.xfer4j.meta.learners;

import java.util.Map;
import org.xfer4j.api.OptionReader;

/**
 * Options of the learners that have only the shared ones: {@code reptile} (serial with metaBatch=1) and
 * {@code fomaml}.
 */
public record PlainOptions(MetaOptions meta) implements LearnerOptions {

    /**
     * Reptile's defaults: 10 SGD steps at 0.02, outer SGD 1.0 annealed to 0, 5 tasks per step, 3,000 meta-steps (the
     * outer step and batch chosen on meta-validation sine waves, bench/README.md; serial Reptile is metaBatch=1).
     */
    public static final PlainOptions REPTILE = new PlainOptions(new MetaOptions(10, 0.02, OptimizerKind.SGD, 1.0,
            OptimizerKind.SGD, 5, 3000, true, 42, 500, true));

    /**
     * FOMAML's defaults: 10 SGD steps at 0.02, outer Adam 0.01, 5 tasks per step, 3,000 meta-steps (the outer step
     * and batch chosen on meta-validation sine waves), batch norms by the support set's statistics (on the few-shot
     * CNN's glyph episodes the only setting where it learns: 0.77 meta-validation accuracy against 0.24-0.43 on fixed
     * statistics; bench/README.md).
     */
    public static final PlainOptions FOMAML = new PlainOptions(new MetaOptions(10, 0.02, OptimizerKind.SGD, 0.01,
            OptimizerKind.ADAM, 5, 3000, false, 42, 500, true, 0, BatchNormMode.SUPPORT));

    public PlainOptions {
        java.util.Objects.requireNonNull(meta, "meta");
    }

    /** Options of {@code method} from {@code properties}, defaulting to {@code defaults}. */
    static PlainOptions parse(String method, PlainOptions defaults, Map<String, String> properties) {
        OptionReader r = OptionReader.of(method, properties);
        PlainOptions o = new PlainOptions(MetaOptions.read(r, defaults.meta));
        r.finish();
        return o;
    }

    @Override
    public Map<String, String> toProperties() {
        return meta.properties();
    }
}
