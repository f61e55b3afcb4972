package org.xfer4j.api.repurpose;

import java.util.Map;
import org.xfer4j.api.Options;
import org.xfer4j.api.Provider;

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
}
