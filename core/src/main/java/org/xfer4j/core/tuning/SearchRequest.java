package org.xfer4j.core.tuning;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.xfer4j.api.InvalidOptionException;
import org.xfer4j.api.repurpose.RepurposerProvider;
import org.xfer4j.api.tuning.Choice;
import org.xfer4j.api.tuning.NumericRange;
import org.xfer4j.api.tuning.SearchDimension;
import org.xfer4j.api.tuning.SearchSpace;

/**
 * A method's options split into fixed values and searched ones, from key=value text where a searched value reads
 * {@code auto} (the provider's declared range), {@code LOW..HIGH} (scale and type of the declared range, else linear
 * real), {@code log:LOW..HIGH}, {@code int:LOW..HIGH}, {@code int-log:LOW..HIGH} or {@code choice:a,b,c}. Every
 * bound and choice is checked against the provider's own option parser before any search starts.
 *
 * @param method the provider id
 * @param fixed options that keep one value
 * @param space the searched options
 * @param defaults the searched options' values when the user names none (the provider's defaults), evaluated first
 *        so that a search never ends worse than the defaults on its own folds; empty to skip that trial
 */
public record SearchRequest(String method, Map<String, String> fixed, SearchSpace space,
        Map<String, String> defaults) {

    /** The word that asks for a provider's declared range. */
    public static final String AUTO = "auto";
    private static final String CHOICE = "choice:";
    private static final List<String> PREFIXES = List.of("log:", "int:", "int-log:", "real:");
    /** Where an option whose condition does not hold sits: one point, so the surrogate sees no variation there. */
    private static final double INACTIVE = 0.5;

    public SearchRequest {
        fixed = Map.copyOf(fixed);
        defaults = Collections.unmodifiableMap(new LinkedHashMap<>(defaults));
    }

    /** A request without a defaults trial. */
    public SearchRequest(String method, Map<String, String> fixed, SearchSpace space) {
        this(method, fixed, space, Map.of());
    }

    /**
     * Splits {@code options} of {@code provider}.
     *
     * @throws InvalidOptionException naming the option: {@code auto} for an option the provider declares no range
     *         for, a malformed or non-numeric range, or a bound or choice the provider refuses
     */
    public static SearchRequest parse(RepurposerProvider provider, Map<String, String> options) {
        Map<String, String> fixed = new LinkedHashMap<>();
        List<SearchDimension> searched = new ArrayList<>();
        options.forEach((key, value) -> {
            SearchDimension d = dimension(provider, key, value.trim());
            if (d == null) {
                fixed.put(key, value);
            } else {
                searched.add(d);
            }
        });
        // a canonical order (the provider's declared one, then by name), so a seed means the same search whatever
        // order the caller's map iterates in
        List<String> declared = provider.searchSpace().options();
        searched.sort(Comparator.comparingInt((SearchDimension d) -> declared.contains(d.option())
                ? declared.indexOf(d.option()) : declared.size()).thenComparing(SearchDimension::option));
        Map<String, String> all = provider.parseOptions(fixed).toProperties();
        Map<String, String> defaults = new LinkedHashMap<>();
        for (SearchDimension d : searched) {
            // a default of auto is tried as it is: the method's own choice by cross-validation, inside each fold
            if (all.containsKey(d.option())) {
                defaults.put(d.option(), all.get(d.option()));
            }
        }
        SearchRequest request = new SearchRequest(provider.id(), fixed,
                new SearchSpace(searched, provider.searchSpace().conditions()),
                defaults.size() == searched.size() ? defaults : Map.of());
        for (SearchDimension d : searched) {
            for (String v : request.extremes(d)) {
                Map<String, String> probe = new LinkedHashMap<>(fixed);
                probe.put(d.option(), v);
                try {
                    provider.parseOptions(probe);
                } catch (InvalidOptionException e) {
                    throw new InvalidOptionException("cannot search option " + d.option() + " of " + provider.id()
                            + " at " + v + ": " + e.getMessage());
                }
            }
        }
        return request;
    }

    /** Whether any option is searched. */
    public boolean isSearch() {
        return !space.isEmpty();
    }

    /** Every option: the fixed ones and the searched ones at unit-cube point {@code u}. */
    public Map<String, String> optionsAt(double[] u) {
        Map<String, String> all = new LinkedHashMap<>(fixed);
        all.putAll(searchedAt(u));
        return all;
    }

    /**
     * Only the searched options at unit-cube point {@code u}, in the space's order; an option whose condition does
     * not hold there is left out (it keeps its default).
     */
    public Map<String, String> searchedAt(double[] u) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < space.size(); i++) {
            SearchDimension d = space.dimensions().get(i);
            if (!active(d, u)) {
                continue;
            }
            out.put(d.option(), switch (d) {
                case NumericRange r -> r.format(r.valueAt(u[i]));
                case Choice c -> c.values().get(choiceIndex(c, u[i]));
            });
        }
        return out;
    }

    /**
     * {@code u} moved to the point that stands for the options it decodes to: integers and choices are steps, so
     * the surrogate sees one position per distinct setting.
     */
    public double[] snap(double[] u) {
        double[] s = u.clone();
        for (int i = 0; i < space.size(); i++) {
            SearchDimension d = space.dimensions().get(i);
            s[i] = !active(d, u) ? INACTIVE : switch (d) {
                case NumericRange r -> r.positionOf(r.valueAt(u[i]));
                case Choice c -> (choiceIndex(c, u[i]) + 0.5) / c.values().size();
            };
        }
        return s;
    }

    /** Whether {@code d}'s condition, if any, holds at {@code u}. */
    private boolean active(SearchDimension d, double[] u) {
        return space.condition(d.option()).map(c -> {
            int parent = space.options().indexOf(c.parent());
            Choice choice = (Choice) space.dimensions().get(parent);
            return c.values().contains(choice.values().get(choiceIndex(choice, u[parent])));
        }).orElse(true);
    }

    /**
     * The unit-cube point of the defaults, when every one of them lies in its dimension (a default such as svm's
     * gamma=scale does not, and then the defaults trial is kept out of the surrogate's data).
     */
    public Optional<double[]> defaultsPoint() {
        if (defaults.isEmpty()) {
            return Optional.empty();
        }
        double[] u = new double[space.size()];
        for (int i = 0; i < space.size(); i++) { // choices first: they decide which options are active
            if (space.dimensions().get(i) instanceof Choice c) {
                int k = c.values().indexOf(defaults.get(c.option()));
                if (k < 0) {
                    return Optional.empty();
                }
                u[i] = (k + 0.5) / c.values().size();
            }
        }
        for (int i = 0; i < space.size(); i++) {
            if (space.dimensions().get(i) instanceof NumericRange r && active(r, u)) {
                double x;
                try {
                    x = Double.parseDouble(defaults.get(r.option()));
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
                if (x < r.low() || x > r.high()) {
                    return Optional.empty();
                }
                u[i] = r.positionOf(x);
            }
        }
        return Optional.of(snap(u));
    }

    private static int choiceIndex(Choice c, double u) {
        return Math.min(c.values().size() - 1, (int) Math.floor(Math.max(0, u) * c.values().size()));
    }

    private List<String> extremes(SearchDimension d) {
        return switch (d) {
            case NumericRange r -> List.of(r.format(r.low()), r.format(r.high()));
            case Choice c -> c.values();
        };
    }

    /** The dimension {@code value} asks for, or null when it is a fixed value. */
    private static SearchDimension dimension(RepurposerProvider provider, String key, String value) {
        SearchDimension declared = provider.searchSpace().dimension(key).orElse(null);
        if (value.equalsIgnoreCase(AUTO)) {
            if (declared == null) {
                throw new InvalidOptionException("option " + key + "=auto: " + provider.id()
                        + " declares no search range for " + key + " (it declares "
                        + (provider.searchSpace().isEmpty() ? "none" : provider.searchSpace().options())
                        + "); give one, e.g. " + key + "=log:0.001..1000 or " + key + "=choice:a,b");
            }
            return declared;
        }
        if (value.regionMatches(true, 0, CHOICE, 0, CHOICE.length())) {
            List<String> values = Arrays.stream(value.substring(CHOICE.length()).split(",")).map(String::trim)
                    .toList();
            return new Choice(key, values);
        }
        String prefix = PREFIXES.stream().filter(p -> value.regionMatches(true, 0, p, 0, p.length())).findFirst()
                .orElse(null);
        if (prefix == null && !value.contains("..")) {
            return null;
        }
        String range = prefix == null ? value : value.substring(prefix.length());
        String[] bounds = range.split("\\.\\.", -1);
        if (bounds.length != 2) {
            throw new InvalidOptionException("option " + key + "=" + value + ": a search range reads LOW..HIGH, "
                    + "e.g. " + key + "=log:0.001..1000");
        }
        double low = number(key, value, bounds[0]);
        double high = number(key, value, bounds[1]);
        String kind = prefix == null ? null : prefix.toLowerCase(Locale.ROOT);
        boolean integer;
        boolean log;
        if (kind == null) {
            NumericRange like = declared instanceof NumericRange r ? r : null;
            integer = like != null && like.integer();
            log = like != null && like.logScale();
        } else {
            integer = kind.startsWith("int");
            log = kind.equals("log:") || kind.equals("int-log:");
        }
        return new NumericRange(key, low, high, integer, log);
    }

    private static double number(String key, String value, String bound) {
        try {
            return Double.parseDouble(bound.trim());
        } catch (NumberFormatException e) {
            throw new InvalidOptionException("option " + key + "=" + value + ": range bound '" + bound
                    + "' is not a number");
        }
    }
}
