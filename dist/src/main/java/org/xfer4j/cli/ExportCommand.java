package org.xfer4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.xfer4j.api.InvalidOptionException;
import org.xfer4j.api.repurpose.RepurposedModel;
import org.xfer4j.core.Xfer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Exports a saved artifact as one ONNX graph (source layers, pooling, standardisation and head, or the fine-tuned
 * graph) that any ONNX runtime serves.
 */
@Command(name = "export", description = "Export a saved artifact as one ONNX graph (outputs probabilities, label).")
final class ExportCommand implements Runnable {

    @Mixin
    HostOptions host;

    @Option(names = "--artifact", required = true, description = "A file saved by `xfer4j repurpose`.")
    Path artifact;

    @Option(names = "--out", required = true, description = "The .onnx file to write.")
    Path out;

    @Option(names = "--force", description = "Replace an existing --out file.")
    boolean force;

    @Override
    public void run() {
        if (Files.exists(out) && !force) {
            throw new InvalidOptionException("--out " + out + " exists; pass --force to replace it");
        }
        try (Xfer xfer = host.open(new ConsoleProgress()); RepurposedModel model = xfer.load(artifact)) {
            model.exportOnnx(out);
            System.out.printf("wrote %s: the %s model of %s, classes %s%n", out, model.providerId(), artifact,
                    model.classes());
        }
    }
}
