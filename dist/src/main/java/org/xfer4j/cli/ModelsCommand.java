package org.xfer4j.cli;

import org.xfer4j.api.Progress;
import org.xfer4j.api.model.ModelSource;
import org.xfer4j.core.Xfer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Lists model sources and the models they offer by name. */
@Command(name = "models", description = "List model sources and the models they offer by name.")
final class ModelsCommand implements Runnable {

    @Mixin
    HostOptions host;

    @Override
    public void run() {
        try (Xfer xfer = host.open(Progress.NONE)) {
            for (ModelSource s : xfer.registry().modelSources()) {
                System.out.printf("%-14s %s%n", s.id(), s.description());
                for (String name : s.catalogue()) {
                    String about = s.about(name);
                    System.out.println(about.isEmpty() ? "  " + name : String.format("  %-24s %s", name, about));
                }
            }
        }
    }
}
