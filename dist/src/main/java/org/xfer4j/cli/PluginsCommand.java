package org.xfer4j.cli;

import org.xfer4j.api.Progress;
import org.xfer4j.core.Xfer;
import org.xfer4j.core.registry.PluginReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Lists every provider by kind, where it came from, and plugins that could not be loaded. */
@Command(name = "plugins", description = "List providers (built-in and from plugins/) and plugin problems.")
final class PluginsCommand implements Runnable {

    @Mixin
    HostOptions host;

    @Override
    public void run() {
        try (Xfer xfer = host.openQuietly(Progress.NONE)) {
            for (PluginReport r : xfer.registry().plugins()) {
                System.out.println(r);
            }
        }
    }
}
