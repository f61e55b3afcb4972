package org.xfer4j.api.model;

import java.util.List;
import org.xfer4j.api.Provider;
import org.xfer4j.api.ProviderContext;

/**
 * Resolves a model reference (a file path, a zoo name, a Maven model pack, an imported format) to a
 * {@link SourceModel}; found through ServiceLoader.
 */
public interface ModelSource extends Provider {

    /** Whether this source knows how to open {@code reference}. */
    boolean accepts(String reference);

    /** Opens the model, fetching and caching it on first use. */
    SourceModel open(String reference, ProviderContext context);

    /** The names this source offers by itself (a model zoo), for listings; empty for path-like sources. */
    default List<String> catalogue() {
        return List.of();
    }

    /**
     * A short note on the catalogue model {@code name} for listings, such as its numeric precision; empty when
     * there is nothing to add. Since SPI 1.1.
     */
    default String about(String name) {
        return "";
    }
}
