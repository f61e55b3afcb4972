package org.xfer4j.evaluation.study;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.xfer4j.data.io.Csv;

/**
 * One run of a study, as it is appended to the results: which method, on which draw of which dataset and model,
 * whether it succeeded, its metrics, costs, confusion matrix, reliability bins and (graph methods) training loss.
 *
 * @param dataset dataset name
 * @param model model reference
 * @param layers feature layers, comma-separated (empty: the model's default)
 * @param method method label (variant)
 * @param provider provider id
 * @param options options as key=value properties
 * @param shots examples per class, or {@link StudyDefinition#ALL}
 * @param repeat draw number (0-based)
 * @param drawSeed the seed of this draw
 * @param trainSize training examples
 * @param testSize test examples
 * @param failure null when the run succeeded, else the error message
 * @param accuracy accuracy (NaN when failed)
 * @param macroF1 macro-F1
 * @param nll negative log-likelihood
 * @param ece expected calibration error
 * @param brier Brier score
 * @param fitMillis time to fit
 * @param predictMillis time to predict the test part
 * @param peakHeapMb peak JVM heap used during the run (ONNX Runtime's native memory is not counted)
 * @param classes class names
 * @param confusion counts, row: true class, column: predicted class (empty when failed)
 * @param reliability bins of {@link #RELIABILITY_BINS}: count, mean confidence, accuracy (empty when failed)
 * @param trainingLoss mean training loss per epoch (graph methods), else empty
 */
public record RunRecord(String dataset, String model, String layers, String method, String provider,
                        Map<String, String> options, int shots, int repeat, long drawSeed, int trainSize,
                        int testSize, String failure, double accuracy, double macroF1, double nll, double ece,
                        double brier, double fitMillis, double predictMillis, double peakHeapMb, List<String> classes,
                        int[][] confusion, double[][] reliability, double[] trainingLoss) {

    /** Confidence bins of the stored reliability diagram. */
    public static final int RELIABILITY_BINS = 10;

    /** The CSV columns, in {@link #csvLine()} order. */
    public static final String CSV_HEADER = "dataset,model,layers,method,provider,shots,repeat,draw_seed,train_size,"
            + "test_size,status,accuracy,macro_f1,nll,ece,brier,fit_ms,predict_ms,peak_heap_mb,message";

    public RunRecord {
        options = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options));
        classes = List.copyOf(classes);
    }

    /** Whether the run succeeded. */
    public boolean ok() {
        return failure == null;
    }

    /** What identifies the run within its study: the same key means the same work. */
    public String key() {
        return key(dataset, model, layers, method, shots, repeat);
    }

    /** The key of a planned run. */
    public static String key(String dataset, String model, String layers, String method, int shots, int repeat) {
        return String.join("\u001f", dataset, model, layers, method, Integer.toString(shots), Integer.toString(repeat));
    }

    /** The draw this run trained on, for pairing methods: dataset, model, layers, shots, repeat. */
    public String drawKey() {
        return String.join("\u001f", dataset, model, layers, Integer.toString(shots), Integer.toString(repeat));
    }

    /** "all" or the number. */
    public static String shotsLabel(int shots) {
        return shots == StudyDefinition.ALL ? "all" : Integer.toString(shots);
    }

    /** One CSV line (with its newline). */
    public String csvLine() {
        return String.join(",", Csv.field(dataset), Csv.field(model), Csv.field(layers), Csv.field(method),
                Csv.field(provider), shotsLabel(shots), Integer.toString(repeat), Long.toString(drawSeed),
                Integer.toString(trainSize), Integer.toString(testSize), ok() ? "ok" : "failed", num(accuracy),
                num(macroF1), num(nll), num(ece), num(brier), num(fitMillis), num(predictMillis), num(peakHeapMb),
                Csv.field(ok() ? "" : failure)) + "\n";
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6f", v);
    }

    /** One JSON object on one line (with its newline). */
    public String jsonLine() {
        Json j = new Json();
        j.field("dataset", dataset).field("model", model).field("layers", layers).field("method", method)
                .field("provider", provider).field("options", options).field("shots", shots).field("repeat", repeat)
                .field("drawSeed", drawSeed).field("trainSize", trainSize).field("testSize", testSize)
                .field("failure", failure).field("accuracy", accuracy).field("macroF1", macroF1).field("nll", nll)
                .field("ece", ece).field("brier", brier).field("fitMillis", fitMillis)
                .field("predictMillis", predictMillis).field("peakHeapMb", peakHeapMb).field("classes", classes)
                .field("confusion", confusion).field("reliability", reliability).field("trainingLoss", trainingLoss);
        return j.close() + "\n";
    }

    /** A record from what {@link #jsonLine()} wrote, parsed into maps and lists. */
    @SuppressWarnings("unchecked")
    static RunRecord fromJson(Map<String, Object> o) {
        Map<String, String> options = new LinkedHashMap<>();
        ((Map<String, Object>) o.get("options")).forEach((k, v) -> options.put(k, String.valueOf(v)));
        return new RunRecord(str(o, "dataset"), str(o, "model"), str(o, "layers"), str(o, "method"),
                str(o, "provider"), options, integer(o, "shots"), integer(o, "repeat"), (long) dbl(o, "drawSeed"),
                integer(o, "trainSize"), integer(o, "testSize"), (String) o.get("failure"), dbl(o, "accuracy"),
                dbl(o, "macroF1"), dbl(o, "nll"), dbl(o, "ece"), dbl(o, "brier"), dbl(o, "fitMillis"),
                dbl(o, "predictMillis"), dbl(o, "peakHeapMb"),
                ((List<Object>) o.get("classes")).stream().map(String::valueOf).toList(),
                ((List<List<Object>>) o.get("confusion")).stream()
                        .map(r -> r.stream().mapToInt(v -> ((Number) v).intValue()).toArray()).toArray(int[][]::new),
                ((List<List<Object>>) o.get("reliability")).stream().map(RunRecord::doubles).toArray(double[][]::new),
                doubles((List<Object>) o.get("trainingLoss")));
    }

    private static double[] doubles(List<Object> l) {
        double[] out = new double[l.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = l.get(i) == null ? Double.NaN : ((Number) l.get(i)).doubleValue();
        }
        return out;
    }

    private static String str(Map<String, Object> o, String k) {
        return (String) o.get(k);
    }

    private static int integer(Map<String, Object> o, String k) {
        return ((Number) o.get(k)).intValue();
    }

    private static double dbl(Map<String, Object> o, String k) {
        Object v = o.get(k);
        return v == null ? Double.NaN : ((Number) v).doubleValue();
    }
}
