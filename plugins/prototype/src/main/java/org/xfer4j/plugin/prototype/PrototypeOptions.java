package org.xfer4j.plugin.prototype;

import java.util.LinkedHashMap;
import java.util.Map;
import org.xfer4j.api.InvalidOptionException;
import org.xfer4j.api.OptionReader;
import org.xfer4j.api.Options;

/**
 * Options of the prototype classifier.
 *
 * @param temperature divides the negative squared distances before the softmax: larger is less confident. Squared
 *        distances grow with the number of features and their scale, so wide or standardised features want a
 *        larger temperature
 * @param standardize whether each feature is first scaled to zero mean and unit variance over the training set,
 *        so that features of large scale do not dominate the distances
 */
public record PrototypeOptions(double temperature, boolean standardize) implements Options {

    /** Temperature 1, raw features. */
    public static final PrototypeOptions DEFAULT = new PrototypeOptions(1.0, false);

    public PrototypeOptions {
        InvalidOptionException.require(temperature > 0 && Double.isFinite(temperature),
                "option temperature of prototype must be a finite number > 0, got " + temperature);
    }

    /** Parses {@code temperature} and {@code standardize}; missing keys take the defaults, unknown keys are refused. */
    public static PrototypeOptions parse(Map<String, String> properties) {
        OptionReader r = OptionReader.of(PrototypeProvider.ID, properties);
        PrototypeOptions o = new PrototypeOptions(r.getDouble("temperature", DEFAULT.temperature),
                r.getBoolean("standardize", DEFAULT.standardize));
        r.finish();
        return o;
    }

    @Override
    public Map<String, String> toProperties() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("temperature", Double.toString(temperature));
        m.put("standardize", Boolean.toString(standardize));
        return m;
    }

    @Override
    public Map<String, String> help() {
        return Map.of("temperature", "divides the negative squared distances before the softmax: larger is less confident",
                "standardize", "scale each feature to zero mean and unit variance over the training set first");
    }
}
