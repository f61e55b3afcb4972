package org.xfer4j.evaluation.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.xfer4j.data.io.Csv;
import org.xfer4j.data.io.TextFiles;
import org.xfer4j.evaluation.stats.Comparisons;
import org.xfer4j.evaluation.stats.Summary;
import org.xfer4j.evaluation.study.RunRecord;
import org.xfer4j.evaluation.study.StudyDefinition;

/**
 * The report of a study, built from its recorded runs alone (so a finished study re-renders without rerunning): per
 * dataset and model a summary table, accuracy and ECE against shots with 95 % confidence bands, reliability diagrams,
 * confusion matrices, fit and predict times, training-loss curves of graph methods, the ranking with significance
 * marks and every pairwise comparison; one colour per method on every chart. Writes index.html, PNG charts,
 * summary.csv and summary.json.
 */
public final class StudyReport {

    private final StudyDefinition study;
    private final List<RunRecord> records;
    private final MethodColours colours;

    /** The report of {@code records}, runs of {@code study}. */
    public StudyReport(StudyDefinition study, List<RunRecord> records) {
        this.study = study;
        this.records = List.copyOf(records);
        this.colours = new MethodColours(study.methods().stream().map(StudyDefinition.MethodEntry::label).toList());
    }

    /** Means and spreads per section, method and shots. */
    public List<Summary> summaries() {
        return Summary.of(records);
    }

    /** A plain-text table per section, for the terminal. */
    public String table() {
        StringBuilder sb = new StringBuilder();
        for (var section : sections().entrySet()) {
            sb.append(section.getKey()).append('\n');
            int width = Math.max(10, section.getValue().stream().mapToInt(r -> r.method().length()).max().orElse(0));
            sb.append(String.format(Locale.ROOT, "%-" + width + "s %6s %6s %16s %8s %8s %8s %9s %9s%n", "method",
                    "shots", "train", "accuracy", "macroF1", "NLL", "ECE", "fit ms", "pred ms"));
            for (Summary s : Summary.of(section.getValue())) {
                sb.append(String.format(Locale.ROOT, "%-" + width + "s %6s %6.0f %8.4f ± %.4f %8.4f %8.4f %8.4f %9.1f %9.1f%s%n",
                        s.method(), RunRecord.shotsLabel(s.shots()), s.trainSize(), s.accuracy(), s.accuracySd(),
                        s.macroF1(), s.nll(), s.ece(), s.fitMillis(), s.predictMillis(),
                        s.failed() > 0 ? "  (" + s.failed() + " failed)" : ""));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** Writes index.html, summary.csv, summary.json and the chart PNGs into {@code dir}; returns the page. */
    public Path write(Path dir) {
        HtmlReport html = new HtmlReport(study.name());
        List<Summary> all = summaries();
        try {
            TextFiles.write(dir.resolve("summary.csv"), w -> w.write(summaryCsv(all)));
            TextFiles.write(dir.resolve("summary.json"), w -> w.write(summaryJson(all)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the study summary to " + dir, e);
        }
        int index = 0;
        for (var section : sections().entrySet()) {
            addSection(html, "s" + index++, section.getKey(), section.getValue());
        }
        html.link("summary.csv", "summary.csv").link("runs.csv", "runs.csv (every run)")
                .link("runs.jsonl", "runs.jsonl (every run, with confusion matrices and reliability bins)")
                .link("summary.json", "summary.json").link("provenance.json", "provenance.json");
        return html.write(dir);
    }

    private Map<String, List<RunRecord>> sections() {
        Map<String, List<RunRecord>> out = new LinkedHashMap<>();
        records.forEach(r -> out.computeIfAbsent(Summary.sectionOf(r), k -> new ArrayList<>()).add(r));
        return out;
    }

    private void addSection(HtmlReport html, String key, String section, List<RunRecord> runs) {
        RunRecord first = runs.getFirst();
        StudyDefinition.DatasetEntry d = study.datasets().stream().filter(e -> e.name().equals(first.dataset()))
                .findFirst().orElse(null);
        html.heading(d == null || d.title().equals(d.name()) ? section : d.title() + " (" + section + ")");
        if (d != null && !d.description().isEmpty()) {
            html.paragraph(d.description());
        }
        List<Summary> sums = Summary.of(runs);
        html.paragraph(String.format(Locale.ROOT, "Classes %s; %d test examples; %d repeats per few-shot size, means "
                + "with 95 %% confidence intervals (Student's t) over them.", first.classes(), first.testSize(),
                study.repeats()));
        html.subheading("Accuracy and calibration against shots");
        List<List<String>> rows = new ArrayList<>();
        for (Summary s : sums) {
            rows.add(List.of(s.method(), RunRecord.shotsLabel(s.shots()), fmt("%.0f", s.trainSize()),
                    fmt("%.4f ± %.4f", s.accuracy(), s.accuracySd()), fmt("%.4f", s.macroF1()), fmt("%.4f", s.nll()),
                    fmt("%.4f", s.ece()), fmt("%.4f", s.brier()), fmt("%.1f", s.fitMillis()),
                    fmt("%.1f", s.predictMillis()), fmt("%.0f", s.peakHeapMb()), Integer.toString(s.runs()),
                    Integer.toString(s.failed())));
        }
        html.table(List.of("method", "shots/class", "train size", "accuracy", "macro-F1", "NLL", "ECE", "Brier",
                "fit ms", "predict ms", "peak heap MB", "runs", "failed"), rows);
        int classes = first.classes().size();
        html.chart(key + "-accuracy-vs-shots", lineChart(sums, classes, "Accuracy against examples per class",
                "accuracy", true));
        html.chart(key + "-ece-vs-shots", lineChart(sums, classes,
                "Expected calibration error against examples per class", "ECE", false));
        html.subheading("Reliability diagrams");
        html.paragraph("Each point is one of " + RunRecord.RELIABILITY_BINS + " equal-width confidence bins "
                + "(predictions pooled over repeats); a calibrated model lies on the diagonal.");
        List<Integer> shots = runs.stream().map(RunRecord::shots).distinct().toList();
        int fewest = shots.stream().filter(k -> k != StudyDefinition.ALL).min(Integer::compare)
                .orElse(StudyDefinition.ALL);
        int most = shots.contains(StudyDefinition.ALL) ? StudyDefinition.ALL
                : shots.stream().max(Integer::compare).orElseThrow();
        for (int k : fewest == most ? List.of(most) : List.of(fewest, most)) {
            html.chart(key + "-reliability-" + RunRecord.shotsLabel(k), reliabilityChart(runs, k));
        }
        html.subheading("Ranking and significance");
        addSignificance(html, runs);
        html.subheading("Time");
        html.chart(key + "-time", timeChart(sums, most));
        List<RunRecord> graph = runs.stream().filter(r -> r.ok() && r.trainingLoss().length > 0).toList();
        if (!graph.isEmpty()) {
            html.subheading("Training loss of graph methods");
            html.chart(key + "-loss", lossChart(graph));
        }
        html.subheading("Confusion matrices at " + RunRecord.shotsLabel(most) + " examples per class");
        html.paragraph("Rows: true class; columns: predicted class; counts summed over repeats.");
        addConfusions(html, runs, most);
        List<RunRecord> failed = runs.stream().filter(r -> !r.ok()).toList();
        if (!failed.isEmpty()) {
            html.subheading("Failed runs");
            html.table(List.of("method", "shots", "repeat", "message"), failed.stream().map(r -> List.of(r.method(),
                    RunRecord.shotsLabel(r.shots()), Integer.toString(r.repeat()), r.failure())).toList());
        }
    }

    private void addSignificance(HtmlReport html, List<RunRecord> runs) {
        html.paragraph("Methods ranked by mean accuracy over the draws every method completed; each is compared with "
                + "the best on the same draws: mean difference with a paired-bootstrap 95 % interval, Wilcoxon "
                + "signed-rank p-value (Holm-adjusted over the comparisons) and rank-biserial effect size. * marks a "
                + "method significantly less accurate than the best (adjusted p < " + Comparisons.ALPHA + ").");
        List<List<String>> rows = new ArrayList<>();
        for (Comparisons.Rank r : Comparisons.ranking(runs, study.seed())) {
            Comparisons.Pair p = r.versusBest();
            rows.add(List.of(Integer.toString(r.rank()), r.method() + (r.significant() ? " *" : ""),
                    fmt("%.4f", r.accuracy()), fmt("%.4f", r.ece()),
                    p == null ? "best" : fmt("%+.4f", -p.difference().mean()),
                    p == null ? "" : fmt("[%+.4f, %+.4f]", -p.difference().upper(), -p.difference().lower()),
                    p == null ? "" : fmt("%.4f", p.test().p()), p == null ? "" : fmt("%.4f", r.holmP()),
                    p == null ? "" : fmt("%.2f", p.test().effectSize()), p == null ? "" : Integer.toString(p.draws())));
        }
        html.table(List.of("rank", "method", "accuracy", "ECE", "Δ accuracy vs best", "95 % CI", "Wilcoxon p",
                "Holm p", "effect r", "draws"), rows);
        List<List<String>> pairs = new ArrayList<>();
        for (Comparisons.Pair p : Comparisons.pairs(runs, study.seed())) {
            pairs.add(List.of(p.a() + " − " + p.b(), Integer.toString(p.draws()), fmt("%+.4f", p.difference().mean()),
                    fmt("[%+.4f, %+.4f]", p.difference().lower(), p.difference().upper()), fmt("%.4f", p.test().p()),
                    fmt("%.2f", p.test().effectSize()),
                    p.test().p() < Comparisons.ALPHA && p.difference().excludesZero() ? "yes" : "no"));
        }
        html.table(List.of("pair (a − b)", "draws", "mean Δ accuracy", "bootstrap 95 % CI", "Wilcoxon p",
                "effect r", "significant"), pairs);
    }

    private void addConfusions(HtmlReport html, List<RunRecord> runs, int shots) {
        Map<String, int[][]> sums = new LinkedHashMap<>();
        for (RunRecord r : runs) {
            if (r.ok() && r.shots() == shots) {
                int[][] m = sums.computeIfAbsent(r.method(), k -> new int[r.confusion().length][r.confusion().length]);
                for (int i = 0; i < m.length; i++) {
                    for (int j = 0; j < m.length; j++) {
                        m[i][j] += r.confusion()[i][j];
                    }
                }
            }
        }
        List<String> classes = runs.getFirst().classes();
        for (var e : sums.entrySet()) {
            List<String> header = new ArrayList<>(List.of(e.getKey()));
            header.addAll(classes);
            List<List<String>> rows = new ArrayList<>();
            for (int i = 0; i < classes.size(); i++) {
                List<String> row = new ArrayList<>(List.of(classes.get(i)));
                for (int v : e.getValue()[i]) {
                    row.add(Integer.toString(v));
                }
                rows.add(row);
            }
            html.table(header, rows);
        }
    }

    private XYChart lineChart(List<Summary> sums, int classes, String title, String yTitle, boolean accuracy) {
        XYChart c = new XYChartBuilder().width(800).height(450).title(title)
                .xAxisTitle("training examples per class (log scale; all: pool size / classes)").yAxisTitle(yTitle)
                .build();
        c.getStyler().setXAxisLogarithmic(true);
        Map<String, List<Summary>> byMethod = new LinkedHashMap<>();
        sums.stream().filter(s -> s.runs() > 0).forEach(s -> byMethod.computeIfAbsent(s.method(),
                m -> new ArrayList<>()).add(s));
        for (var e : byMethod.entrySet()) {
            List<Summary> l = e.getValue();
            double[] x = l.stream().mapToDouble(s -> s.shots() == StudyDefinition.ALL ? s.trainSize() / classes
                    : s.shots()).toArray();
            double[] y = l.stream().mapToDouble(s -> accuracy ? s.accuracy() : s.ece()).toArray();
            double[] ci = l.stream().mapToDouble(s -> accuracy ? s.accuracyCi() : s.eceCi()).toArray();
            if (l.size() > 1) {
                // the band: upper edge forwards, lower edge backwards, one closed polygon
                double[] bx = new double[2 * x.length];
                double[] by = new double[2 * x.length];
                for (int i = 0; i < x.length; i++) {
                    bx[i] = x[i];
                    by[i] = Math.min(1, y[i] + ci[i]); // both metrics live in [0, 1]
                    bx[2 * x.length - 1 - i] = x[i];
                    by[2 * x.length - 1 - i] = Math.max(0, y[i] - ci[i]);
                }
                XYSeries band = c.addSeries(e.getKey() + " 95% CI", bx, by);
                band.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
                band.setFillColor(colours.translucent(e.getKey(), 60));
                band.setLineColor(colours.translucent(e.getKey(), 0));
                band.setMarker(SeriesMarkers.NONE);
                band.setShowInLegend(false);
            }
            XYSeries s = c.addSeries(e.getKey(), x, y);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setLineColor(colours.of(e.getKey()));
            s.setMarkerColor(colours.of(e.getKey()));
        }
        return c;
    }

    private XYChart reliabilityChart(List<RunRecord> runs, int shots) {
        XYChart c = new XYChartBuilder().width(800).height(450)
                .title("Reliability at " + RunRecord.shotsLabel(shots) + " examples per class")
                .xAxisTitle("confidence (mean max probability in bin)").yAxisTitle("accuracy in bin").build();
        c.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0);
        XYSeries diagonal = c.addSeries("perfect calibration", new double[] {0, 1}, new double[] {0, 1});
        diagonal.setMarker(SeriesMarkers.NONE);
        diagonal.setLineColor(java.awt.Color.GRAY);
        Map<String, double[][]> pooled = new LinkedHashMap<>();
        for (RunRecord r : runs) {
            if (!r.ok() || r.shots() != shots) {
                continue;
            }
            double[][] bins = pooled.computeIfAbsent(r.method(), m -> new double[RunRecord.RELIABILITY_BINS][3]);
            for (int b = 0; b < bins.length; b++) {
                double n = r.reliability()[b][0];
                bins[b][0] += n;
                bins[b][1] += n * r.reliability()[b][1];
                bins[b][2] += n * r.reliability()[b][2];
            }
        }
        for (var e : pooled.entrySet()) {
            List<double[]> bins = java.util.Arrays.stream(e.getValue()).filter(b -> b[0] > 0).toList();
            if (!bins.isEmpty()) {
                XYSeries s = c.addSeries(e.getKey(), bins.stream().mapToDouble(b -> b[1] / b[0]).toArray(),
                        bins.stream().mapToDouble(b -> b[2] / b[0]).toArray());
                s.setMarker(SeriesMarkers.CIRCLE);
                s.setLineColor(colours.of(e.getKey()));
                s.setMarkerColor(colours.of(e.getKey()));
            }
        }
        return c;
    }

    private CategoryChart timeChart(List<Summary> sums, int shots) {
        CategoryChart c = new CategoryChartBuilder().width(800).height(400)
                .title("Mean fit and predict time at " + RunRecord.shotsLabel(shots) + " examples per class")
                .xAxisTitle("").yAxisTitle("milliseconds").build();
        List<Summary> at = sums.stream().filter(s -> s.shots() == shots && s.runs() > 0).toList();
        for (Summary s : at) {
            // one series per method keeps its colour; categories are the two costs
            var series = c.addSeries(s.method(), List.of("fit", "predict"),
                    List.of(s.fitMillis(), s.predictMillis()));
            series.setFillColor(colours.of(s.method()));
        }
        return c;
    }

    private XYChart lossChart(List<RunRecord> graph) {
        XYChart c = new XYChartBuilder().width(800).height(400).title("Mean training loss per epoch")
                .xAxisTitle("epoch").yAxisTitle("training loss").build();
        Map<String, List<RunRecord>> groups = new LinkedHashMap<>();
        graph.forEach(r -> groups.computeIfAbsent(r.method() + " @" + RunRecord.shotsLabel(r.shots()),
                k -> new ArrayList<>()).add(r));
        for (var e : groups.entrySet()) {
            int epochs = e.getValue().stream().mapToInt(r -> r.trainingLoss().length).min().orElse(0);
            double[] x = new double[epochs];
            double[] y = new double[epochs];
            for (int i = 0; i < epochs; i++) {
                int at = i;
                x[i] = i + 1;
                y[i] = e.getValue().stream().mapToDouble(r -> r.trainingLoss()[at]).average().orElse(Double.NaN);
            }
            if (epochs > 0) {
                XYSeries s = c.addSeries(e.getKey(), x, y);
                String method = e.getValue().getFirst().method();
                s.setLineColor(colours.of(method));
                s.setMarkerColor(colours.of(method));
            }
        }
        return c;
    }

    private static String summaryCsv(List<Summary> sums) {
        StringBuilder sb = new StringBuilder("section,method,shots,runs,failed,train_size,accuracy,accuracy_sd,"
                + "accuracy_ci95,macro_f1,nll,ece,ece_ci95,brier,fit_ms,predict_ms,peak_heap_mb\n");
        for (Summary s : sums) {
            sb.append(String.format(Locale.ROOT, "%s,%s,%s,%d,%d,%.1f,%.6f,%.6f,%.6f,%.6f,%.6f,%.6f,%.6f,%.6f,%.2f,%.2f,"
                            + "%.1f%n", Csv.field(s.section()),
                    Csv.field(s.method()), RunRecord.shotsLabel(s.shots()), s.runs(),
                    s.failed(), s.trainSize(), s.accuracy(), s.accuracySd(), s.accuracyCi(), s.macroF1(), s.nll(),
                    s.ece(), s.eceCi(), s.brier(), s.fitMillis(), s.predictMillis(), s.peakHeapMb()));
        }
        return sb.toString();
    }

    private static String summaryJson(List<Summary> sums) {
        StringBuilder sb = new StringBuilder("[\n");
        for (int i = 0; i < sums.size(); i++) {
            Summary s = sums.get(i);
            sb.append(String.format(Locale.ROOT, "  {\"section\": %s, \"method\": %s, \"shots\": \"%s\", \"runs\": %d, "
                            + "\"failed\": %d, \"train_size\": %.1f, \"accuracy\": %s, \"accuracy_sd\": %s, "
                            + "\"macro_f1\": %s, \"nll\": %s, \"ece\": %s, \"brier\": %s, \"fit_ms\": %s, "
                            + "\"predict_ms\": %s}%s%n",
                    org.xfer4j.data.text.TextTables.jsonString(s.section()),
                    org.xfer4j.data.text.TextTables.jsonString(s.method()), RunRecord.shotsLabel(s.shots()), s.runs(),
                    s.failed(), s.trainSize(), num(s.accuracy()), num(s.accuracySd()), num(s.macroF1()), num(s.nll()),
                    num(s.ece()), num(s.brier()), num(s.fitMillis()), num(s.predictMillis()),
                    i + 1 < sums.size() ? "," : ""));
        }
        return sb.append("]\n").toString();
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "null" : String.format(Locale.ROOT, "%.6f", v);
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
