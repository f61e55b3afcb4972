package org.xfer4j.repurposers.metamodel.gp;

import java.util.LinkedHashMap;
import java.util.Map;
import org.xfer4j.api.InvalidOptionException;
import org.xfer4j.api.OptionReader;
import org.xfer4j.api.Options;

/**
 * Options of {@code gp}.
 *
 * @param inducingPoints number of inducing points (k-means centres); more is closer to the exact GP and slower
 *        (key {@code inducingPoints})
 * @param hyperSamples examples (a seeded subsample) on which the marginal likelihood is maximised
 *        (key {@code hyperSamples})
 * @param hyperEvaluations marginal-likelihood evaluations the hyperparameter search may spend; 0 keeps the initial lengthscales and variances (key {@code hyperEvaluations})
 * @param exactLimit training sets up to this many examples get the exact multi-class GP (softmax likelihood, Laplace,
 *        linear + RBF kernel); larger ones the sparse one-vs-rest GP over inducing points (key {@code exactLimit})
 */
public record GpOptions(int inducingPoints, int hyperSamples, int hyperEvaluations, int exactLimit)
        implements Options {

    /**
     * 256 inducing points, hyperparameters fitted on up to 500 examples with up to 30 evaluations, the exact GP up to
     * 200 examples.
     */
    public static final GpOptions DEFAULTS = new GpOptions(256, 500, 30, 200);

    public GpOptions {
        InvalidOptionException.require(inducingPoints >= 1, "gp option inducingPoints must be at least 1, got "
                + inducingPoints);
        InvalidOptionException.require(hyperSamples >= 2, "gp option hyperSamples must be at least 2, got "
                + hyperSamples);
        InvalidOptionException.require(hyperEvaluations >= 0, "gp option hyperEvaluations must be at least 0, got "
                + hyperEvaluations);
        InvalidOptionException.require(exactLimit >= 0, "gp option exactLimit must be at least 0, got " + exactLimit);
    }

    /** Options from key=value properties; missing keys take {@link #DEFAULTS}. */
    public static GpOptions parse(Map<String, String> properties) {
        OptionReader r = OptionReader.of("gp", properties);
        GpOptions o = new GpOptions(r.getInt("inducingPoints", DEFAULTS.inducingPoints),
                r.getInt("hyperSamples", DEFAULTS.hyperSamples),
                r.getInt("hyperEvaluations", DEFAULTS.hyperEvaluations),
                r.getInt("exactLimit", DEFAULTS.exactLimit));
        r.finish();
        return o;
    }

    @Override
    public Map<String, String> toProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("inducingPoints", Integer.toString(inducingPoints));
        p.put("hyperSamples", Integer.toString(hyperSamples));
        p.put("hyperEvaluations", Integer.toString(hyperEvaluations));
        p.put("exactLimit", Integer.toString(exactLimit));
        return p;
    }

    @Override
    public Map<String, String> help() {
        return Map.of("inducingPoints", "inducing points of the sparse GP: more is closer to exact and slower",
                "hyperSamples", "examples on which the marginal likelihood is maximised",
                "hyperEvaluations", "marginal-likelihood evaluations of the hyperparameter search; 0 keeps the initial ones",
                "exactLimit", "up to this many examples the exact multi-class GP, beyond it the sparse one");
    }
}
