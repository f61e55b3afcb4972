package org.xfer4j.core;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.core.registry.Registry;

/**
 * What an {@link Xfer} is built with: the context handed to providers, the plugins folder (null for none) and the
 * time each plugin provider may take to be created.
 */
public record XferSettings(ProviderContext context, Path pluginsDir, Duration pluginTimeout) {
    public XferSettings {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(pluginTimeout, "pluginTimeout");
        if (pluginTimeout.isNegative() || pluginTimeout.isZero()) {
            throw new IllegalArgumentException("the plugin time limit must be positive, not " + pluginTimeout);
        }
    }

    /** Settings with the default plugin time limit (-Dxfer4j.plugins.timeout seconds, else 10 s). */
    public XferSettings(ProviderContext context, Path pluginsDir) {
        this(context, pluginsDir, Registry.DEFAULT_PLUGIN_TIMEOUT);
    }
}
