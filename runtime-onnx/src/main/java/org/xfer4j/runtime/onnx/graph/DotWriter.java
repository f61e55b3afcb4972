package org.xfer4j.runtime.onnx.graph;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.xfer4j.api.XferException;
import org.xfer4j.api.model.LayerInfo;

/** Graphviz DOT for a graph's layers, and rendering it with the {@code dot} program. */
final class DotWriter {

    private DotWriter() {
    }

    static String dot(OnnxGraph g) {
        GraphIndex idx = g.index();
        StringBuilder s = new StringBuilder("digraph onnx {\n  rankdir=TB;\n")
                .append("  node [shape=box, fontname=\"Helvetica\"];\n");
        for (var in : g.model().getGraph().getInputList()) {
            long[] d = ValueInfos.dims(in);
            s.append("  ").append(quote("in:" + in.getName())).append(" [shape=ellipse, label=")
                    .append(quote(in.getName() + (d == null ? "" : "\\n" + Arrays.toString(d)))).append("];\n");
        }
        for (LayerInfo l : g.layers()) {
            NodeProto n = g.node(l.name());
            String label = l.name() + "\\n" + l.opType() + (l.parameterCount() > 0 ? "\\n" + l.parameterCount()
                    + " params" : "");
            s.append("  ").append(quote("n:" + l.name())).append(" [label=").append(quote(label)).append("];\n");
            for (String in : idx.dataInputs(n)) {
                s.append("  ").append(source(idx, in)).append(" -> ").append(quote("n:" + l.name())).append(";\n");
            }
        }
        for (String out : g.outputNames()) {
            s.append("  ").append(quote("out:" + out)).append(" [shape=ellipse, label=").append(quote(out))
                    .append("];\n  ").append(source(idx, out)).append(" -> ").append(quote("out:" + out)).append(";\n");
        }
        return s.append("}\n").toString();
    }

    private static String source(GraphIndex idx, String tensor) {
        NodeProto p = idx.producer(tensor);
        return quote(p == null ? "in:" + tensor : "n:" + p.getName());
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\\\\n", "\\n").replace("\"", "\\\"") + "\"";
    }

    static boolean renderSvg(String dot, Path svg) {
        Process p;
        try {
            Path parent = svg.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            p = new ProcessBuilder("dot", "-Tsvg", "-o", svg.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            return false;
        }
        try {
            p.getOutputStream().write(dot.getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new XferException("dot could not render " + svg + ": " + log);
            }
            return true;
        } catch (IOException e) {
            throw new XferException("dot could not render " + svg + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new XferException("interrupted while rendering " + svg, e);
        }
    }
}
