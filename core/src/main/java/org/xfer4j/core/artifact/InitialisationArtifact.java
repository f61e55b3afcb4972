package org.xfer4j.core.artifact;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.Provider;
import org.xfer4j.api.data.Tensor;
import org.xfer4j.api.meta.MetaCheckpoint;
import org.xfer4j.api.meta.Parameters;
import org.xfer4j.api.repurpose.PayloadReader;
import org.xfer4j.api.repurpose.PayloadWriter;

/**
 * A meta-learned initialisation as an artifact (manifest kind {@code initialisation}): the learner's id and options,
 * provenance, the ONNX graph it initialises, how the run was set up (tasks, net, episode shape), and the checkpoint
 * (step, parameters, outer optimiser state) from which meta-training can resume.
 *
 * @param run the settings of the run as properties (written by the command that meta-trained)
 */
public record InitialisationArtifact(Path file, Manifest manifest, Map<String, String> options,
        Provenance provenance, byte[] graph, Map<String, String> run, MetaCheckpoint checkpoint) {

    private static final String GRAPH = "graph.onnx";
    private static final String RUN = "run.properties";
    private static final String STEP = "step";
    private static final String PARAMETERS = "parameters";
    private static final String STATE = "optimizer-state";

    public InitialisationArtifact {
        options = Map.copyOf(options);
        run = Map.copyOf(run);
    }

    /** Saves atomically to {@code file}: a failed save leaves an earlier file, such as the last checkpoint, intact. */
    public static void write(Path file, Provider learner, Map<String, String> options, Provenance provenance,
            byte[] graph, Map<String, String> run, MetaCheckpoint checkpoint) {
        ArtifactWriter.write(file, Manifest.create(Manifest.Kind.INITIALISATION, learner), options, provenance, p -> {
            p.putBytes(GRAPH, graph);
            p.putText(RUN, new String(PropertiesText.write(run), StandardCharsets.UTF_8));
            p.putInts(STEP, new int[] {checkpoint.step()}, 1);
            put(p, PARAMETERS, checkpoint.initialisation());
            put(p, STATE, checkpoint.optimizerState());
        }, null);
    }

    /**
     * Reads an initialisation.
     *
     * @throws InvalidInputException naming the file when it is unreadable, newer, or holds a target model instead
     */
    public static InitialisationArtifact read(Path file) {
        Artifact a = ArtifactReader.read(file);
        if (a.manifest().kind() != Manifest.Kind.INITIALISATION) {
            throw new InvalidInputException("artifact " + file + " holds a " + a.manifest().kind().label()
                    + " made by " + a.manifest().providerId() + ", not a meta-learned initialisation");
        }
        PayloadReader p = a.payload();
        MetaCheckpoint checkpoint = new MetaCheckpoint(p.getInts(STEP)[0], get(p, PARAMETERS), get(p, STATE));
        return new InitialisationArtifact(file, a.manifest(), a.options(), a.provenance(), p.getBytes(GRAPH),
                PropertiesText.read(p.getText(RUN).getBytes(StandardCharsets.UTF_8)), checkpoint);
    }

    /** The learned parameters. */
    public Parameters parameters() {
        return checkpoint.initialisation();
    }

    private static void put(PayloadWriter p, String group, Parameters parameters) {
        List<String> names = List.copyOf(parameters.tensors().keySet());
        p.putText(group, String.join("\n", names));
        for (int i = 0; i < names.size(); i++) {
            Tensor t = parameters.tensors().get(names.get(i));
            long[] shape = t.shape();
            int[] dims = new int[shape.length];
            for (int d = 0; d < dims.length; d++) {
                dims[d] = Math.toIntExact(shape[d]);
            }
            p.putFloats(group + "/" + i, t.floats(), dims);
        }
    }

    private static Parameters get(PayloadReader p, String group) {
        String text = p.getText(group);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        if (!text.isEmpty()) {
            String[] names = text.split("\n");
            for (int i = 0; i < names.length; i++) {
                int[] dims = p.shape(group + "/" + i);
                long[] shape = new long[dims.length];
                for (int d = 0; d < dims.length; d++) {
                    shape[d] = dims[d];
                }
                tensors.put(names[i], Tensor.ofFloats(p.getFloats(group + "/" + i), shape));
            }
        }
        return new Parameters(tensors);
    }
}
