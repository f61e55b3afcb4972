package org.xfer4j.cli;

import java.util.Map;
import org.xfer4j.api.Progress;
import org.xfer4j.api.repurpose.RepurposerProvider;
import org.xfer4j.core.Xfer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Lists each installed repurposing method with its {@code -o} keys, their defaults and meaning, read from its options. */
@Command(name = "methods", description = "List the repurposing methods (built-in and from plugins/) with their "
        + "-o key=value options, defaults and meaning.")
final class MethodsCommand implements Runnable {

    @Mixin
    HostOptions host;

    @Override
    public void run() {
        try (Xfer xfer = host.open(Progress.NONE)) {
            for (RepurposerProvider p : xfer.registry().repurposers()) {
                System.out.printf("%s  %s%n", p.id(), p.description());
                Map<String, String> help = p.defaultOptions().help();
                for (Map.Entry<String, String> o : p.defaultOptions().toProperties().entrySet()) {
                    String key = "-o " + o.getKey() + "=" + o.getValue();
                    System.out.println(String.format("  %-28s %s", key, help.getOrDefault(o.getKey(), "")).stripTrailing());
                }
            }
        }
    }
}
