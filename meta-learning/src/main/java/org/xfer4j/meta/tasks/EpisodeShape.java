package org.xfer4j.meta.tasks;

import org.xfer4j.api.InvalidOptionException;

/**
 * The shape of an N-way K-shot episode: {@code ways} classes, {@code shots} support and {@code queries} query examples
 * of each.
 */
public record EpisodeShape(int ways, int shots, int queries) {

    public EpisodeShape {
        InvalidOptionException.require(ways >= 2, "--ways must be at least 2, got " + ways);
        InvalidOptionException.require(shots >= 1, "--shots must be at least 1, got " + shots);
        InvalidOptionException.require(queries >= 1, "--queries must be at least 1, got " + queries);
    }

    /** Examples an episode draws from each of its classes. */
    public int perClass() {
        return shots + queries;
    }

    @Override
    public String toString() {
        return ways + "-way " + shots + "-shot (" + queries + " queries per class)";
    }
}
