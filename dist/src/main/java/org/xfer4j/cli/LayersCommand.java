package org.xfer4j.cli;

import org.xfer4j.api.Progress;
import org.xfer4j.api.model.LayerInfo;
import org.xfer4j.api.model.SourceModel;
import org.xfer4j.core.Xfer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Lists the layers of a model: name, operator, output tensor and parameter count. */
@Command(name = "layers", description = "List the layers of a model (names to pass to --layers).")
final class LayersCommand implements Runnable {

    @Mixin
    HostOptions host;

    @Mixin
    PreprocessOptions preprocessing;

    @Parameters(index = "0", description = "A model name (see `xfer4j models`) or a path to an .onnx file.")
    String model;

    @Option(names = "--grep", description = "Only layers whose name or operator contains this text.")
    String grep;

    @Override
    public void run() {
        try (Xfer xfer = host.open(new ConsoleProgress()); SourceModel m = preprocessing.open(xfer, model)) {
            System.out.printf("%s  sha256 %s  default feature layer: %s%n", m.name(), m.sha256(), m.defaultFeatureLayer());
            if (!m.preprocessing().isEmpty()) {
                System.out.println("preprocessing: " + new java.util.TreeMap<>(m.preprocessing()));
            }
            System.out.printf("%-60s %-22s %-40s %s%n", "layer", "operator", "output", "parameters");
            for (LayerInfo l : m.layers()) {
                String out = l.outputs().isEmpty() ? "" : l.outputs().getFirst();
                if (grep != null && !(l.name().contains(grep) || l.opType().contains(grep) || out.contains(grep))) {
                    continue;
                }
                System.out.printf("%-60s %-22s %-40s %d%n", l.name(), l.opType(), out, l.parameterCount());
            }
        }
    }
}
