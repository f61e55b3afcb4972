package org.xfer4j.core.tuning;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.xfer4j.api.InvalidInputException;

/**
 * What a search did and found: its settings, every trial in order, and the options of the best one (fixed options
 * included), which the final model is trained with.
 *
 * @param method the provider id
 * @param settings strategy, budget, folds and objective
 * @param seed the seed of the folds and the proposals
 * @param fixed the options every trial shared
 * @param trials every evaluation, in order
 */
public record TuningResult(String method, TuningSettings settings, long seed, Map<String, String> fixed,
        List<Trial> trials) {

    private static final String TRIAL = "trial.";

    public TuningResult {
        fixed = Collections.unmodifiableMap(new LinkedHashMap<>(fixed));
        trials = List.copyOf(trials);
    }

    /** The trial with the lowest loss (first on ties). */
    public Trial best() {
        Trial best = null;
        for (Trial t : trials) {
            if (t.succeeded() && (best == null || loss(t) < loss(best))) {
                best = t;
            }
        }
        if (best == null) {
            throw new InvalidInputException("every one of the " + trials.size() + " trials of the " + method
                    + " search failed; the first: " + trials.getFirst().failure());
        }
        return best;
    }

    /** Every option of the best trial: the fixed ones and the searched ones. */
    public Map<String, String> bestOptions() {
        Map<String, String> all = new LinkedHashMap<>(fixed);
        all.putAll(best().options());
        return all;
    }

    private double loss(Trial t) {
        return settings.objective() == Objective.LOG_LOSS ? t.score() : -t.score();
    }

    /** The result as key=value properties (the artifact's tuning entry). */
    public Map<String, String> toProperties() {
        Map<String, String> p = new TreeMap<>();
        p.put("method", method);
        p.put("strategy", settings.strategy().label());
        p.put("evaluations", Integer.toString(settings.evaluations()));
        p.put("folds", Integer.toString(settings.folds()));
        p.put("objective", settings.objective().label());
        p.put("seed", Long.toString(seed));
        p.put("best", Integer.toString(best().index()));
        fixed.forEach((k, v) -> p.put("fixed." + k, v));
        p.put("trials", Integer.toString(trials.size()));
        for (Trial t : trials) {
            String prefix = TRIAL + t.index() + ".";
            t.options().forEach((k, v) -> p.put(prefix + "option." + k, v));
            p.put(prefix + "order", String.join(",", t.options().keySet()));
            p.put(prefix + "score", Double.toString(t.score()));
            p.put(prefix + "millis", Long.toString(t.millis()));
            if (!t.succeeded()) {
                p.put(prefix + "failure", t.failure());
            }
        }
        return p;
    }

    /** A result read back from {@link #toProperties()}; {@code file} names the artifact in errors. */
    public static TuningResult fromProperties(Map<String, String> p, String file) {
        try {
            TuningSettings settings = new TuningSettings(Strategy.parse(required(p, "strategy", file)),
                    Integer.parseInt(required(p, "evaluations", file)), Integer.parseInt(required(p, "folds", file)),
                    Objective.parse(required(p, "objective", file)));
            Map<String, String> fixed = new TreeMap<>();
            p.forEach((k, v) -> {
                if (k.startsWith("fixed.")) {
                    fixed.put(k.substring("fixed.".length()), v);
                }
            });
            int count = Integer.parseInt(required(p, "trials", file));
            List<Trial> trials = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String prefix = TRIAL + i + ".";
                Map<String, String> options = new LinkedHashMap<>();
                String order = required(p, prefix + "order", file);
                for (String k : order.isEmpty() ? new String[0] : order.split(",")) {
                    options.put(k, required(p, prefix + "option." + k, file));
                }
                trials.add(new Trial(i, options, Double.parseDouble(required(p, prefix + "score", file)),
                        Long.parseLong(required(p, prefix + "millis", file)), p.get(prefix + "failure")));
            }
            return new TuningResult(required(p, "method", file), settings,
                    Long.parseLong(required(p, "seed", file)), fixed, trials);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("artifact " + file + " has an invalid tuning entry: " + e.getMessage(), e);
        }
    }

    private static String required(Map<String, String> p, String key, String file) {
        String v = p.get(key);
        if (v == null) {
            throw new InvalidInputException("artifact " + file + ": tuning entry lacks " + key);
        }
        return v;
    }
}
