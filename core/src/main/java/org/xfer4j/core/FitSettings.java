package org.xfer4j.core;

import java.util.Objects;
import org.xfer4j.core.tuning.TuningSettings;

/**
 * How {@link Xfer#repurpose(String, org.xfer4j.api.model.SourceModel, java.util.List, org.xfer4j.api.data.Dataset,
 * java.util.Map, FitSettings)} goes beyond one fit: how options marked {@code auto} or given as ranges are searched,
 * and whether a temperature is fitted to the probabilities (on cross-validated predictions, with the search's folds).
 */
public record FitSettings(TuningSettings tuning, boolean temperatureScaling) {

    /** Searches (if asked) with {@link TuningSettings#DEFAULTS}; no calibration. */
    public static final FitSettings DEFAULTS = new FitSettings(TuningSettings.DEFAULTS, false);

    public FitSettings {
        Objects.requireNonNull(tuning, "tuning");
    }
}
