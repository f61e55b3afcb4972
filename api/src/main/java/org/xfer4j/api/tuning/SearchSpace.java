package org.xfer4j.api.tuning;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.xfer4j.api.InvalidOptionException;

/** The options a hyper-parameter search varies, each at most once, in a fixed order. */
public record SearchSpace(List<SearchDimension> dimensions) {

    /** No option searched: what a provider declares when it offers no default ranges. */
    public static final SearchSpace EMPTY = new SearchSpace(List.of());

    public SearchSpace {
        dimensions = List.copyOf(dimensions);
        Set<String> seen = new HashSet<>();
        for (SearchDimension d : dimensions) {
            InvalidOptionException.require(seen.add(d.option()), "option " + d.option() + " is searched twice");
        }
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
        return new SearchSpace(all);
    }
}
