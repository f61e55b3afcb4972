package org.xfer4j.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.model.SourceModel;
import org.xfer4j.api.repurpose.RepurposedModel;
import org.xfer4j.core.Xfer;
import org.xfer4j.data.spec.DataSpecs;
import org.xfer4j.core.metrics.Evaluation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Repurposes a model for a labelled dataset with one method, evaluates it and saves the artifact. */
@Command(name = "repurpose", description = "Repurpose a pretrained model for a labelled dataset and save the result.")
final class RepurposeCommand implements Runnable {

    @Mixin
    HostOptions host;

    @Option(names = "--method", required = true, description = "lr, svm, gp, bnn, finetune, random-freeze or a plugin's id (see `xfer4j plugins`).")
    String method;

    @Option(names = "--model", required = true, description = "Model name or .onnx path.")
    String model;

    @Option(names = "--layers", split = ",", description = "Feature layers (default: the model's feature layer).")
    List<String> layers;

    @Option(names = "--train", required = true, description = "Training data: " + DataSpecs.HELP + ".")
    String train;

    @Option(names = "--test", description = "Test data to evaluate on.")
    String test;

    @Option(names = {"-o", "--option"}, description = "A method option key=value (repeatable).")
    Map<String, String> options = new LinkedHashMap<>();

    @Option(names = "--out", description = "Artifact file to save (default <method>.xfer).")
    Path out;

    @Override
    public void run() {
        ConsoleProgress progress = new ConsoleProgress();
        try (Xfer xfer = host.open(progress)) {
            xfer.registry().repurposer(method); // an unknown method fails here, before any model is fetched
            try (SourceModel m = xfer.openModel(model)) {
                run(xfer, m, progress);
            }
        }
    }

    private void run(Xfer xfer, SourceModel m, ConsoleProgress progress) {
        Dataset training = DataSpecs.resolve(train, xfer.context().cacheDir());
        List<String> l = layers == null || layers.isEmpty() ? List.of(m.defaultFeatureLayer()) : layers;
        try (RepurposedModel r = xfer.repurpose(method, m, l, training, options)) {
            Path target = out != null ? out : Path.of(method + ".xfer");
            xfer.save(r, target);
            System.out.printf("trained %s on %d examples of %s; saved %s%n", method, training.size(), train, target);
            if (test != null) {
                Dataset t = DataSpecs.resolve(test, xfer.context().cacheDir());
                Evaluation e = xfer.evaluate(r, t);
                EvaluationText.print("test " + test + " (" + t.size() + " examples)", test, t.size(), e);
            }
        }
    }
}
