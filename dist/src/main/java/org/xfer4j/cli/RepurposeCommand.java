package org.xfer4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.xfer4j.api.InvalidOptionException;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.model.SourceModel;
import org.xfer4j.api.repurpose.Predictions;
import org.xfer4j.api.repurpose.RepurposedModel;
import org.xfer4j.core.FeatureRepurposedModel;
import org.xfer4j.core.FitSettings;
import org.xfer4j.core.Xfer;
import org.xfer4j.core.calibration.Calibration;
import org.xfer4j.core.calibration.Temperature;
import org.xfer4j.data.spec.DataSpecs;
import org.xfer4j.core.metrics.Evaluation;
import org.xfer4j.core.metrics.Metrics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Repurposes a model for a labelled dataset with one method, evaluates it and saves the artifact when asked. */
@Command(name = "repurpose", description = "Repurpose a pretrained model for a labelled dataset and save the result.",
        footer = "Each method's -o keys and their defaults: xfer4j methods")
final class RepurposeCommand implements Runnable {

    @Mixin
    HostOptions host;

    @Mixin
    PreprocessOptions preprocessing;

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

    @Option(names = {"-o", "--option"}, description = "A method option key=value (repeatable); a feature method's "
            + "option can be searched: key=auto (the method's declared range), key=LOW..HIGH, key=log:LOW..HIGH, "
            + "key=int:LOW..HIGH, key=int-log:LOW..HIGH or key=choice:a,b,c.")
    Map<String, String> options = new LinkedHashMap<>();

    @Option(names = "--out", description = "Artifact file to save; without it nothing is written.")
    Path out;

    @Option(names = "--force", description = "Replace the --out file if it exists (else that is an error, before training).")
    boolean force;

    @Mixin
    TuningOptions tuning;

    @Override
    public void run() {
        if (out != null && !force && Files.isRegularFile(out)) {
            throw new InvalidOptionException("--out " + out + " exists; pass --force to replace it");
        }
        ConsoleProgress progress = new ConsoleProgress();
        FitSettings settings = tuning.settings(); // bad search or calibration settings fail before any work
        try (Xfer xfer = host.open(progress)) {
            xfer.registry().repurposer(method); // an unknown method fails here, before any model is fetched
            try (SourceModel m = preprocessing.open(xfer, model)) {
                run(xfer, m, progress, settings);
            }
        }
    }

    private void run(Xfer xfer, SourceModel m, ConsoleProgress progress, FitSettings settings) {
        Dataset training = DataSpecs.resolve(train, xfer.context().cacheDir());
        List<String> l = layers == null || layers.isEmpty() ? List.of(m.defaultFeatureLayer()) : layers;
        long start = System.nanoTime();
        try (RepurposedModel r = xfer.repurpose(method, m, l, training, options, settings)) {
            Calibration calibration = null;
            if (r instanceof FeatureRepurposedModel f) {
                f.tuning().ifPresent(t -> TuningSummary.print(t, System.out));
                f.calibration().ifPresent(c -> TuningSummary.print(c, System.out));
                calibration = f.calibration().orElse(null);
            }
            System.out.printf(Locale.ROOT, "trained %s with %s on %d examples of %s in %s%n", method,
                    r.options().toProperties(), training.size(), train, seconds(start));
            Map<String, String> chosen = chosenByTheMethod(xfer, r);
            if (!chosen.isEmpty()) {
                System.out.printf(Locale.ROOT, "chosen by %s on the training data (default auto: cross-validated "
                        + "log-loss): %s%n", method, chosen);
            }
            if (out != null) {
                xfer.save(r, out);
                System.out.printf("saved %s%n", out);
            }
            if (test != null) {
                Dataset t = DataSpecs.resolve(test, xfer.context().cacheDir());
                long predicting = System.nanoTime();
                Predictions p = calibration == null ? null : r.predict(t, progress);
                // labels matched to the model's classes by name either way
                Evaluation e = p == null ? xfer.evaluate(r, t) : Metrics.evaluate(p, t);
                EvaluationText.print("test " + test + " (" + t.size() + " examples, predicted in " + seconds(predicting)
                        + ")", test, t.size(), e);
                if (p != null) {
                    // undoing T recovers the uncalibrated probabilities exactly: (p^(1/T))^T, renormalised, is p
                    Temperature undo = new Temperature(1 / calibration.temperature().value());
                    System.out.println("test calibration: " + TuningSummary.change(Metrics.evaluate(undo.apply(p), t),
                            e));
                }
            }
        }
    }

    /** The options left at a default of auto (not set with -o), with the values the method chose for them. */
    private Map<String, String> chosenByTheMethod(Xfer xfer, RepurposedModel r) {
        Map<String, String> trained = r.options().toProperties();
        Map<String, String> chosen = new LinkedHashMap<>();
        xfer.registry().repurposer(method).defaultOptions().toProperties().forEach((key, value) -> {
            if (value.equalsIgnoreCase("auto") && !options.containsKey(key) && trained.containsKey(key)
                    && !trained.get(key).equalsIgnoreCase("auto")) {
                chosen.put(key, trained.get(key));
            }
        });
        return chosen;
    }

    /** Wall time since {@code start} (System.nanoTime), as the user reads it. */
    static String seconds(long start) {
        return String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - start) / 1e9);
    }
}
