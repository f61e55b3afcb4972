package org.xfer4j.api.repurpose;

import java.util.Map;
import org.xfer4j.api.Options;
import org.xfer4j.api.Provider;
import org.xfer4j.api.tuning.SearchSpace;

/**
 * A repurposing method (found through ServiceLoader); implement {@link FeatureRepurposerProvider} or
 * {@link GraphRepurposerProvider}.
 */
public interface RepurposerProvider extends Provider {

    /** The options used when the user names none. */
    Options defaultOptions();

    /**
     * Typed options from key=value properties; missing keys take defaults.
     *
     * @throws org.xfer4j.api.InvalidOptionException naming an unknown key or an invalid value
     */
    Options parseOptions(Map<String, String> properties);

    /**
     * The ranges a hyper-parameter search tries for options the user marks {@code auto} ({@code -o C=auto});
     * options outside it can still be searched over ranges the user gives. Since SPI 1.1; none by default.
     */
    default SearchSpace searchSpace() {
        return SearchSpace.EMPTY;
    }
}
