package org.xfer4j.runtime.onnx.graph;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.XferException;
import org.xfer4j.api.model.LayerInfo;

/**
 * Graphviz DOT for a graph's layers (all, or a range), and rendering it with the {@code dot} program (or the one
 * {@code -Dxfer4j.dot} names).
 */
final class DotWriter {

    private DotWriter() {
    }

    static String dot(OnnxGraph g) {
        return dot(g, null, null, Map.of());
    }

    /**
     * The layers from {@code from} to {@code to} (each inclusive; null: from the inputs, to the outputs), each with
     * its operator, the shape of its first output ({@code shapes}, else the shape the graph declares) and its
     * parameter count; tensors entering the range from outside are drawn as inputs.
     *
     * @throws InvalidInputException when {@code to} is not downstream of {@code from}
     */
    static String dot(OnnxGraph g, String from, String to, Map<String, long[]> shapes) {
        GraphIndex idx = g.index();
        Map<String, long[]> known = new HashMap<>();
        List<ValueInfoProto> declared = new ArrayList<>(g.model().getGraph().getValueInfoList());
        declared.addAll(g.model().getGraph().getInputList());
        declared.addAll(g.model().getGraph().getOutputList());
        for (ValueInfoProto v : declared) {
            long[] d = ValueInfos.dims(v);
            if (d != null) {
                known.put(v.getName(), d);
            }
        }
        known.putAll(shapes);
        Set<String> range = range(g, from, to);
        StringBuilder s = new StringBuilder("digraph onnx {\n  rankdir=TB;\n")
                .append("  node [shape=box, fontname=\"Helvetica\"];\n");
        Set<String> drawnInputs = new HashSet<>();
        for (LayerInfo l : g.layers()) {
            if (!range.contains(l.name())) {
                continue;
            }
            NodeProto n = g.node(l.name());
            long[] shape = n.getOutputCount() == 0 ? null : known.get(n.getOutput(0));
            String label = l.name() + "\\n" + l.opType() + (shape == null ? "" : "\\n" + Arrays.toString(shape))
                    + (l.parameterCount() > 0 ? "\\n" + String.format(Locale.ROOT, "%,d", l.parameterCount())
                    + " params" : "");
            s.append("  ").append(quote("n:" + l.name())).append(" [label=").append(quote(label)).append("];\n");
            for (String in : idx.dataInputs(n)) {
                NodeProto p = idx.producer(in);
                boolean inside = p != null && range.contains(p.getName());
                if (!inside && drawnInputs.add(in)) {
                    long[] d = known.get(in);
                    s.append("  ").append(quote("in:" + in)).append(" [shape=ellipse, label=")
                            .append(quote(in + (d == null ? "" : "\\n" + Arrays.toString(d)))).append("];\n");
                }
                s.append("  ").append(quote(inside ? "n:" + p.getName() : "in:" + in)).append(" -> ")
                        .append(quote("n:" + l.name())).append(";\n");
            }
        }
        for (String out : g.outputNames()) {
            NodeProto p = idx.producer(out);
            if (p != null && range.contains(p.getName())) {
                s.append("  ").append(quote("out:" + out)).append(" [shape=ellipse, label=").append(quote(out))
                        .append("];\n  ").append(quote("n:" + p.getName())).append(" -> ").append(quote("out:" + out))
                        .append(";\n");
            }
        }
        return s.append("}\n").toString();
    }

    /** Names of the layers downstream of {@code from} and upstream of {@code to} (both inclusive where given). */
    private static Set<String> range(OnnxGraph g, String from, String to) {
        GraphIndex idx = g.index();
        Set<String> down = new HashSet<>();
        if (from != null) {
            NodeProto start = g.node(from);
            down.add(start.getName());
            for (NodeProto n : idx.layers()) { // topological order: a node follows everything it reads
                if (n.getInputList().stream().map(idx::producer)
                        .anyMatch(p -> p != null && down.contains(p.getName()))) {
                    down.add(n.getName());
                }
            }
        } else {
            idx.layers().forEach(n -> down.add(n.getName()));
        }
        if (to == null) {
            return down;
        }
        NodeProto end = g.node(to);
        Set<String> up = new HashSet<>();
        Deque<NodeProto> todo = new ArrayDeque<>(List.of(end));
        while (!todo.isEmpty()) {
            NodeProto n = todo.pop();
            if (up.add(n.getName())) {
                for (String in : idx.dataInputs(n)) {
                    NodeProto p = idx.producer(in);
                    if (p != null) {
                        todo.push(p);
                    }
                }
            }
        }
        up.retainAll(down);
        if (up.isEmpty()) {
            throw new InvalidInputException("layer " + to + " does not depend on layer " + from
                    + "; --to must be downstream of --from");
        }
        return up;
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
            p = new ProcessBuilder(System.getProperty("xfer4j.dot", "dot"), "-Tsvg", "-o", svg.toString())
                    .redirectErrorStream(true).start();
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
