package org.xfer4j.core.registry;

import java.nio.file.Path;
import java.util.List;

/**
 * What became of one source of providers: the built-in ones, or one jar or folder of the plugins directory.
 *
 * @param name "built-in", "host", or the jar or folder name
 * @param location the jar or folder, or null for built-in providers
 * @param loaded whether at least its class loading succeeded; false means the whole plugin was skipped
 * @param reason why it was skipped, or null when loaded
 * @param providers the accepted providers as kind:id, for example "repurposer:prototype"
 * @param problems providers of it that were skipped, and why (duplicate id, incompatible SPI, failing constructor)
 */
public record PluginReport(String name, Path location, boolean loaded, String reason, List<String> providers,
                           List<String> problems) {

    public PluginReport {
        providers = List.copyOf(providers);
        problems = List.copyOf(problems);
    }

    /** One line: name and location, loaded or skipped and why, the providers it added and the ones it could not. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(name);
        if (location != null) {
            sb.append(" (").append(location).append(')');
        }
        if (!loaded) {
            return sb.append(": skipped: ").append(reason).toString();
        }
        sb.append(": loaded; providers ").append(providers.isEmpty() ? "none" : String.join(", ", providers));
        if (!problems.isEmpty()) {
            sb.append("; skipped ").append(String.join("; ", problems));
        }
        return sb.toString();
    }
}
