package org.xfer4j.evaluation.study;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.xfer4j.api.InvalidInputException;

/** Reads composed YAML nodes as the shapes a study file uses, every error naming the file and line. */
final class YamlNodes {

    private final String file;

    YamlNodes(String file) {
        this.file = file;
    }

    /** The 1-based line where {@code node} starts. */
    static int line(Node node) {
        return node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
    }

    InvalidInputException error(Node at, String message) {
        return new InvalidInputException(file + " line " + line(at) + ": " + message);
    }

    /** The entries of a mapping, keys as text, refusing keys outside {@code allowed}. */
    Map<String, Node> mapping(Node node, String what, Set<String> allowed) {
        if (!(node instanceof MappingNode m)) {
            throw error(node, what + " must be a mapping of key: value");
        }
        Map<String, Node> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            String key = scalar(t.getKeyNode(), "a key of " + what);
            if (!allowed.contains(key)) {
                throw error(t.getKeyNode(), "unknown key '" + key + "' in " + what + "; known: " + allowed);
            }
            if (out.put(key, t.getValueNode()) != null) {
                throw error(t.getKeyNode(), "key '" + key + "' appears twice in " + what);
            }
        }
        return out;
    }

    /** A mapping whose keys are free (options), values scalars or sequences of scalars. */
    Map<String, Node> freeMapping(Node node, String what) {
        if (!(node instanceof MappingNode m)) {
            throw error(node, what + " must be a mapping of key: value");
        }
        Map<String, Node> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            out.put(scalar(t.getKeyNode(), "a key of " + what), t.getValueNode());
        }
        return out;
    }

    String scalar(Node node, String what) {
        if (!(node instanceof ScalarNode s)) {
            throw error(node, what + " must be a single value");
        }
        return s.getValue();
    }

    /** A sequence's items, or a single scalar as a one-item list. */
    List<Node> items(Node node, String what) {
        if (node instanceof SequenceNode s) {
            return s.getValue();
        }
        if (node instanceof ScalarNode) {
            return List.of(node);
        }
        throw error(node, what + " must be a list");
    }

    List<String> scalars(Node node, String what) {
        List<String> out = new ArrayList<>();
        for (Node n : items(node, what)) {
            out.add(scalar(n, "an item of " + what));
        }
        return out;
    }

    long number(Node node, String what) {
        String v = scalar(node, what);
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw error(node, what + " must be a whole number, got '" + v + "'");
        }
    }

    double decimal(Node node, String what) {
        String v = scalar(node, what);
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw error(node, what + " must be a number, got '" + v + "'");
        }
    }

    /** Examples per class: whole numbers or {@code all}. */
    List<Integer> shots(Node node, String what) {
        List<Integer> out = new ArrayList<>();
        for (Node n : items(node, what)) {
            String v = scalar(n, "an item of " + what).trim();
            if (v.equalsIgnoreCase("all")) {
                out.add(StudyDefinition.ALL);
            } else {
                long k = number(n, "an item of " + what);
                if (k < 1) {
                    throw error(n, what + " must be >= 1 or all, got " + k);
                }
                out.add((int) k);
            }
        }
        return out;
    }
}
