package org.xfer4j.core;

import java.nio.file.Path;
import java.util.Objects;
import org.xfer4j.api.ProviderContext;

/**
 * What an {@link Xfer} is built with: the context handed to providers and the plugins folder (null for none).
 */
public record XferSettings(ProviderContext context, Path pluginsDir) {
    public XferSettings {
        Objects.requireNonNull(context, "context");
    }
}
