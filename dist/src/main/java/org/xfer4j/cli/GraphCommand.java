package org.xfer4j.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.xfer4j.api.InvalidOptionException;
import org.xfer4j.api.XferException;
import org.xfer4j.api.model.InputSpec;
import org.xfer4j.api.model.SourceModel;
import org.xfer4j.core.Xfer;
import org.xfer4j.data.io.TextFiles;
import org.xfer4j.runtime.onnx.graph.OnnxGraph;
import org.xfer4j.runtime.onnx.graph.ShapeProbe;
import org.xfer4j.runtime.onnx.image.ImagePreprocessor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Draws a model's layers (all, or those from one layer to another) with their operators, output shapes and parameter
 * counts, as Graphviz DOT or, through Graphviz {@code dot}, as SVG: to find the layer to cut at.
 */
@Command(name = "graph", description = "Draw the layers of a model (names, output shapes, parameter counts) to "
        + ".dot or .svg (SVG needs Graphviz dot).")
final class GraphCommand implements Runnable {

    @Mixin
    HostOptions host;

    @Mixin
    PreprocessOptions preprocessing;

    @Parameters(index = "0", description = "A model name (see `xfer4j models`) or a path to an .onnx file.")
    String model;

    @Option(names = "--from", description = "First layer to draw (default: from the inputs).")
    String from;

    @Option(names = "--to", description = "Last layer to draw (default: to the outputs).")
    String to;

    @Option(names = "--out", required = true, description = "g.dot (Graphviz text) or g.svg (drawn by Graphviz dot).")
    Path out;

    @Override
    public void run() {
        String lower = out.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean svg = lower.endsWith(".svg");
        if (!svg && !lower.endsWith(".dot") && !lower.endsWith(".gv")) {
            throw new InvalidOptionException("--out " + out + ": name a .dot or an .svg file");
        }
        try (Xfer xfer = host.open(new ConsoleProgress()); SourceModel m = preprocessing.open(xfer, model)) {
            OnnxGraph g = OnnxGraph.load(m.onnxFile());
            Map<String, long[]> shapes = shapes(g, m);
            String dot = g.toDot(from, to, shapes);
            if (svg) {
                writeSvg(dot);
            } else {
                TextFiles.write(out, w -> w.write(dot));
            }
            System.out.printf("drew %s%s to %s%s%n", m.name(), from == null && to == null ? ""
                    : " from " + (from == null ? "its inputs" : from) + " to " + (to == null ? "its outputs" : to),
                    out, shapes.isEmpty() ? " (without layer shapes: " + missingShapes(m) + ")" : "");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out, e);
        }
    }

    /**
     * The shape of every tensor for one example, found by running the graph once on zeros: inputs whose only open
     * dimension is the batch take 1; an image input takes the size its preprocessing declares. Empty when an input
     * leaves other dimensions open (the drawing then shows the shapes the graph declares).
     */
    private static Map<String, long[]> shapes(OnnxGraph g, SourceModel m) {
        Map<String, long[]> inputs = new HashMap<>();
        for (InputSpec in : m.inputs()) {
            long[] d = in.shape().stream().mapToLong(Long::longValue).toArray();
            if (m.preprocessor() instanceof ImagePreprocessor ip && d.length == 4) {
                var s = ip.spec();
                d = ip.channelsLast() ? new long[] {1, s.height(), s.width(), s.channels()}
                        : new long[] {1, s.channels(), s.height(), s.width()};
            }
            if (d.length > 0 && d[0] < 0) {
                d[0] = 1;
            }
            for (long x : d) {
                if (x < 0) {
                    return Map.of();
                }
            }
            inputs.put(in.name(), d);
        }
        Map<String, long[]> shapes = new HashMap<>();
        try {
            ShapeProbe.probe(g.model(), inputs).forEach((k, v) -> shapes.put(k, v.shape()));
        } catch (XferException e) {
            return Map.of(); // a graph the runtime cannot run on zeros is still drawn, with its declared shapes
        }
        return shapes;
    }

    private static String missingShapes(SourceModel m) {
        return "inputs " + m.inputs().stream().map(i -> i.name() + " " + i.shape()).toList()
                + " leave dimensions open; declare an image size with --preprocess height=H,width=W";
    }

    private void writeSvg(String dot) throws IOException {
        Path dir = Files.createTempDirectory("xfer4j-graph");
        try {
            Path svg = dir.resolve("g.svg");
            if (!OnnxGraph.renderSvg(dot, svg)) {
                throw new InvalidOptionException("--out " + out + ": drawing SVG needs Graphviz `dot`, which is not "
                        + "installed (Debian: apt-get install graphviz); or write --out "
                        + out.getFileName().toString().replaceAll("(?i)\\.svg$", ".dot") + ", which needs nothing");
            }
            byte[] bytes = Files.readAllBytes(svg);
            TextFiles.writeBytes(out, false, o -> o.write(bytes));
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(dir);
        }
    }
}
