package org.xfer4j.cli.study;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.xfer4j.api.repurpose.Predictions;
import org.xfer4j.cli.report.HtmlReport;
import org.xfer4j.cli.study.FewShotStudy.Run;
import org.xfer4j.core.metrics.ReliabilityDiagram;
import org.xfer4j.data.io.Csv;
import org.xfer4j.data.io.TextFiles;

/** Summarises a few-shot study: a table, CSV and JSON of every run, and charts in an HTML report. */
public final class StudyReport {

    /** Mean and spread of one method at one number of shots. */
    public record Summary(String method, int shots, int runs, double trainSize, double accuracy, double accuracySd,
                          double macroF1, double nll, double ece, double brier, double fitMillis) {
    }

    private final String title;
    private final String setup;
    private final List<Run> runs;
    private final List<String> testLabelsNames;
    private final int[] testLabels;

    /** A report of {@code runs}, evaluated on {@code testLabels}; {@code setup} says what was run, in a sentence. */
    public StudyReport(String title, String setup, List<Run> runs, int[] testLabels, List<String> classes) {
        this.title = title;
        this.setup = setup;
        this.runs = List.copyOf(runs);
        this.testLabels = testLabels.clone();
        this.testLabelsNames = List.copyOf(classes);
    }

    /** Means and standard deviations per (method, shots), in the order runs were made. */
    public List<Summary> summaries() {
        Map<String, List<Run>> groups = new LinkedHashMap<>();
        for (Run r : runs) {
            groups.computeIfAbsent(r.method() + "\u0000" + r.shots(), k -> new ArrayList<>()).add(r);
        }
        List<Summary> out = new ArrayList<>();
        for (List<Run> g : groups.values()) {
            double n = g.size();
            double acc = g.stream().mapToDouble(r -> r.evaluation().accuracy()).sum() / n;
            double var = g.stream().mapToDouble(r -> Math.pow(r.evaluation().accuracy() - acc, 2)).sum()
                    / Math.max(1, n - 1);
            out.add(new Summary(g.getFirst().method(), g.getFirst().shots(), g.size(),
                    g.stream().mapToInt(Run::trainSize).average().orElse(0), acc, Math.sqrt(var),
                    mean(g, r -> r.evaluation().macroF1()), mean(g, r -> r.evaluation().nll()),
                    mean(g, r -> r.evaluation().ece()), mean(g, r -> r.evaluation().brier()),
                    mean(g, r -> r.fitMillis())));
        }
        return out;
    }

    /** A plain-text table of the summaries, for the terminal. */
    public String table() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-10s %6s %6s %16s %8s %8s %8s %9s%n",
                "method", "shots", "train", "accuracy", "macroF1", "NLL", "ECE", "fit ms"));
        for (Summary s : summaries()) {
            sb.append(String.format(Locale.ROOT, "%-10s %6s %6.0f %8.4f ± %.4f %8.4f %8.4f %8.4f %9.1f%n",
                    s.method(), shotsLabel(s.shots()), s.trainSize(), s.accuracy(), s.accuracySd(), s.macroF1(),
                    s.nll(), s.ece(), s.fitMillis()));
        }
        return sb.toString();
    }

    /** Writes index.html, runs.csv, summary.csv, summary.json and chart PNGs into {@code dir}; returns the page. */
    public Path write(Path dir) {
        HtmlReport html = new HtmlReport(title);
        addTo(html, dir, "");
        return html.write(dir);
    }

    /**
     * Adds this study as a section of {@code html} (its title as heading when the page has other sections) and writes
     * its CSV and JSON files into {@code dir}, their names prefixed with {@code key} and a dash unless it is empty.
     */
    public void addTo(HtmlReport html, Path dir, String key) {
        String prefix = key.isEmpty() ? "" : key + "-";
        List<Summary> sums = summaries();
        writeText(dir.resolve(prefix + "runs.csv"), runsCsv());
        writeText(dir.resolve(prefix + "summary.csv"), summaryCsv(sums));
        writeText(dir.resolve(prefix + "summary.json"), summaryJson(sums));
        if (!key.isEmpty()) {
            html.heading(title);
        }
        html.paragraph(setup).subheading("Accuracy and calibration against shots");
        List<List<String>> rows = new ArrayList<>();
        for (Summary s : sums) {
            rows.add(List.of(s.method(), shotsLabel(s.shots()), fmt("%.0f", s.trainSize()),
                    fmt("%.4f ± %.4f", s.accuracy(), s.accuracySd()), fmt("%.4f", s.macroF1()), fmt("%.4f", s.nll()),
                    fmt("%.4f", s.ece()), fmt("%.4f", s.brier()), fmt("%.1f", s.fitMillis()), Integer.toString(s.runs())));
        }
        html.table(List.of("method", "shots/class", "train size", "accuracy", "macro-F1", "NLL", "ECE", "Brier",
                "fit ms", "runs"), rows);
        html.chart(prefix + "accuracy-vs-shots", lineChart(sums, "Accuracy against examples per class", "accuracy", true));
        html.chart(prefix + "ece-vs-shots",
                lineChart(sums, "Expected calibration error against examples per class", "ECE", false));
        html.subheading("Reliability diagrams");
        html.paragraph("Each point is one of 10 equal-width confidence bins (predictions pooled over repeats); "
                + "a calibrated model lies on the diagonal.");
        // The fewest and the most examples per class studied: where calibration differs most.
        List<Integer> shots = runs.stream().map(Run::shots).distinct().toList();
        int fewest = shots.stream().filter(k -> k != FewShotStudy.ALL).min(Integer::compare).orElse(FewShotStudy.ALL);
        int most = shots.contains(FewShotStudy.ALL) ? FewShotStudy.ALL : shots.stream().max(Integer::compare).orElseThrow();
        for (int k : fewest == most ? List.of(most) : List.of(fewest, most)) {
            html.chart(prefix + "reliability-" + shotsLabel(k), reliabilityChart(k));
        }
        html.link(prefix + "summary.csv", prefix + "summary.csv")
                .link(prefix + "runs.csv", prefix + "runs.csv (every run)")
                .link(prefix + "summary.json", prefix + "summary.json");
    }

    private XYChart lineChart(List<Summary> sums, String chartTitle, String yTitle, boolean accuracy) {
        XYChart c = new XYChartBuilder().width(800).height(450).title(chartTitle)
                .xAxisTitle("training examples per class (log scale; last point: all)").yAxisTitle(yTitle).build();
        c.getStyler().setXAxisLogarithmic(true);
        Map<String, List<Summary>> byMethod = new LinkedHashMap<>();
        sums.forEach(s -> byMethod.computeIfAbsent(s.method(), m -> new ArrayList<>()).add(s));
        int classes = testLabelsNames.size();
        for (var e : byMethod.entrySet()) {
            List<Summary> l = e.getValue();
            double[] x = l.stream().mapToDouble(s -> s.shots() == FewShotStudy.ALL ? s.trainSize() / classes : s.shots()).toArray();
            double[] y = l.stream().mapToDouble(s -> accuracy ? s.accuracy() : s.ece()).toArray();
            XYSeries series = accuracy
                    ? c.addSeries(e.getKey(), x, y, l.stream().mapToDouble(Summary::accuracySd).toArray())
                    : c.addSeries(e.getKey(), x, y);
            series.setMarker(SeriesMarkers.CIRCLE);
        }
        return c;
    }

    private XYChart reliabilityChart(int shots) {
        XYChart c = new XYChartBuilder().width(800).height(450)
                .title("Reliability at " + shotsLabel(shots) + " examples per class")
                .xAxisTitle("confidence (mean max probability in bin)").yAxisTitle("accuracy in bin").build();
        c.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0);
        c.addSeries("perfect calibration", new double[] {0, 1}, new double[] {0, 1}).setMarker(SeriesMarkers.NONE);
        Map<String, List<Run>> byMethod = new LinkedHashMap<>();
        runs.stream().filter(r -> r.shots() == shots)
                .forEach(r -> byMethod.computeIfAbsent(r.method(), m -> new ArrayList<>()).add(r));
        for (var e : byMethod.entrySet()) {
            ReliabilityDiagram d = pooled(e.getValue());
            List<ReliabilityDiagram.Bin> bins = d.bins().stream().filter(b -> b.count() > 0).toList();
            if (!bins.isEmpty()) {
                c.addSeries(e.getKey(), bins.stream().mapToDouble(ReliabilityDiagram.Bin::confidence).toArray(),
                        bins.stream().mapToDouble(ReliabilityDiagram.Bin::accuracy).toArray())
                        .setMarker(SeriesMarkers.CIRCLE);
            }
        }
        return c;
    }

    private ReliabilityDiagram pooled(List<Run> group) {
        int n = group.stream().mapToInt(r -> r.predictions().size()).sum();
        double[][] probs = new double[n][];
        int[] labels = new int[n];
        int at = 0;
        for (Run r : group) {
            Predictions p = r.predictions();
            for (int i = 0; i < p.size(); i++, at++) {
                probs[at] = p.probabilities()[i];
                labels[at] = testLabels[i];
            }
        }
        return ReliabilityDiagram.of(new Predictions(group.getFirst().predictions().classes(), probs), labels,
                testLabelsNames, 10);
    }

    private String runsCsv() {
        StringBuilder sb = new StringBuilder("method,shots,repeat,train_size,accuracy,macro_f1,nll,ece,brier,fit_ms\n");
        for (Run r : runs) {
            var e = r.evaluation();
            sb.append(String.format(Locale.ROOT, "%s,%s,%d,%d,%.6f,%.6f,%.6f,%.6f,%.6f,%d%n",
                    Csv.field(r.method()),
                    shotsLabel(r.shots()), r.repeat(), r.trainSize(), e.accuracy(), e.macroF1(), e.nll(), e.ece(),
                    e.brier(), r.fitMillis()));
        }
        return sb.toString();
    }

    private static String summaryCsv(List<Summary> sums) {
        StringBuilder sb = new StringBuilder("method,shots,runs,train_size,accuracy,accuracy_sd,macro_f1,nll,ece,brier,fit_ms\n");
        for (Summary s : sums) {
            sb.append(String.format(Locale.ROOT, "%s,%s,%d,%.1f,%.6f,%.6f,%.6f,%.6f,%.6f,%.6f,%.1f%n",
                    Csv.field(s.method()),
                    shotsLabel(s.shots()), s.runs(), s.trainSize(), s.accuracy(), s.accuracySd(), s.macroF1(), s.nll(),
                    s.ece(), s.brier(), s.fitMillis()));
        }
        return sb.toString();
    }

    private static String summaryJson(List<Summary> sums) {
        StringBuilder sb = new StringBuilder("[\n");
        for (int i = 0; i < sums.size(); i++) {
            Summary s = sums.get(i);
            sb.append(String.format(Locale.ROOT, "  {\"method\": \"%s\", \"shots\": \"%s\", \"runs\": %d, \"train_size\": %.1f, "
                            + "\"accuracy\": %.6f, \"accuracy_sd\": %.6f, \"macro_f1\": %.6f, \"nll\": %.6f, \"ece\": %.6f, "
                            + "\"brier\": %.6f, \"fit_ms\": %.1f}%s%n", s.method(), shotsLabel(s.shots()), s.runs(),
                    s.trainSize(), s.accuracy(), s.accuracySd(), s.macroF1(), s.nll(), s.ece(), s.brier(), s.fitMillis(),
                    i + 1 < sums.size() ? "," : ""));
        }
        return sb.append("]\n").toString();
    }

    /** "all" or the number. */
    public static String shotsLabel(int shots) {
        return shots == FewShotStudy.ALL ? "all" : Integer.toString(shots);
    }

    private static double mean(List<Run> g, java.util.function.ToDoubleFunction<Run> f) {
        return g.stream().mapToDouble(f).average().orElse(Double.NaN);
    }

    private static String fmt(String f, Object... args) {
        return String.format(Locale.ROOT, f, args);
    }

    private static void writeText(Path file, String text) {
        try {
            TextFiles.write(file, w -> w.write(text));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
