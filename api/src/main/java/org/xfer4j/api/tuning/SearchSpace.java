package org.xfer4j.api.tuning;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.xfer4j.api.InvalidOptionException;

/**
 * The options a hyper-parameter search varies, each at most once, in a fixed order, and the conditions under which
 * some of them matter.
 *
 * @param dimensions the searched options
 * @param conditions options used only for some values of another (categorical) one; conditions on options that are
 *        not both searched are dropped
 */
public record SearchSpace(List<SearchDimension> dimensions, List<Condition> conditions) {

    /** No option searched: what a provider declares when it offers no default ranges. */
    public static final SearchSpace EMPTY = new SearchSpace(List.of());

    public SearchSpace {
        List<SearchDimension> all = List.copyOf(dimensions);
        Set<String> seen = new HashSet<>();
        for (SearchDimension d : all) {
            InvalidOptionException.require(seen.add(d.option()), "option " + d.option() + " is searched twice");
        }
        dimensions = all;
        conditions = conditions.stream().filter(c -> seen.contains(c.option())
                && dimensionIn(all, c.parent()) instanceof Choice).toList();
    }

    /** A space without conditions. */
    public SearchSpace(List<SearchDimension> dimensions) {
        this(dimensions, List.of());
    }

    private static SearchDimension dimensionIn(List<SearchDimension> dimensions, String option) {
        return dimensions.stream().filter(d -> d.option().equals(option)).findFirst().orElse(null);
    }

    /** This space with {@code option} used only when {@code parent} takes one of {@code values}. */
    public SearchSpace when(String option, String parent, String... values) {
        List<Condition> all = new ArrayList<>(conditions);
        all.add(new Condition(option, parent, List.of(values)));
        return new SearchSpace(dimensions, all);
    }

    /** The condition on {@code option}, if it has one. */
    public Optional<Condition> condition(String option) {
        return conditions.stream().filter(c -> c.option().equals(option)).findFirst();
    }

    /** A space of {@code dimensions}. */
    public static SearchSpace of(SearchDimension... dimensions) {
        return new SearchSpace(List.of(dimensions));
    }

    /** The dimension of {@code option}, if searched. */
    public Optional<SearchDimension> dimension(String option) {
        return dimensions.stream().filter(d -> d.option().equals(option)).findFirst();
    }

    /** The option keys searched, in order. */
    public List<String> options() {
        return dimensions.stream().map(SearchDimension::option).toList();
    }

    /** Number of options searched. */
    public int size() {
        return dimensions.size();
    }

    /** Whether nothing is searched. */
    public boolean isEmpty() {
        return dimensions.isEmpty();
    }

    /** This space with {@code dimension} added at the end. */
    public SearchSpace plus(SearchDimension dimension) {
        List<SearchDimension> all = new ArrayList<>(dimensions);
        all.add(dimension);
        return new SearchSpace(all, conditions);
    }
}
