package org.xfer4j.api.model;

import java.util.List;
import java.util.Map;
import org.xfer4j.api.InvalidOptionException;
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

    /**
     * Opens the model with {@code preprocessing} declared (key=value properties, see
     * {@link SourceModel#preprocessing()}); sources that take no declaration refuse a non-empty one. (SPI 1.1)
     *
     * @throws InvalidOptionException naming the source when it takes no declaration, or a key it does not know
     */
    default SourceModel open(String reference, Map<String, String> preprocessing, ProviderContext context) {
        if (!preprocessing.isEmpty()) {
            throw new InvalidOptionException("model source " + id() + " (" + reference + ") decides its own "
                    + "preprocessing; it takes no declaration such as " + preprocessing.keySet());
        }
        return open(reference, context);
    }

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
