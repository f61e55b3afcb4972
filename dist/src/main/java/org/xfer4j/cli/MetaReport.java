package org.xfer4j.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.xfer4j.api.meta.MetaStep;
import org.xfer4j.api.meta.TaskLosses;
import org.xfer4j.data.io.TextFiles;
import org.xfer4j.meta.MetaLog;
import org.xfer4j.meta.MetaValidation;
import org.xfer4j.meta.eval.AdaptationCurve;
import org.xfer4j.meta.eval.MeanInterval;
import org.xfer4j.evaluation.report.HtmlReport;

/**
 * The meta-learning report: meta-training curves (query loss and accuracy per meta-step, task losses before and after
 * adaptation), meta-test curves (query accuracy, or MSE for regression, after k adaptation steps for each
 * initialisation, with 95 % intervals), sample sine waves before and after adaptation and pictures of image tasks, as
 * charts and images on one HTML page beside the CSV and JSON Lines they are drawn from.
 */
public final class MetaReport {

    /** The meta-test results file. */
    public static final String TEST = "meta-test";

    private static final java.awt.Color[] PALETTE = {new java.awt.Color(0xd62728), new java.awt.Color(0x2ca02c),
        new java.awt.Color(0x9467bd), new java.awt.Color(0xff7f0e)};

    private final HtmlReport html;
    private Map<String, List<AdaptationCurve.Point>> pending;

    /** A report page titled {@code title}. */
    public MetaReport(String title) {
        this.html = new HtmlReport(title);
    }

    /** A sentence on what was run. */
    public MetaReport setup(String text) {
        html.paragraph(text);
        return this;
    }

    /** The meta-training curves of {@code log}. */
    public MetaReport training(MetaLog log) {
        List<MetaStep> steps = log.steps();
        html.heading("Meta-training");
        if (steps.isEmpty()) {
            html.paragraph("No meta-training steps were logged.");
            return this;
        }
        double[] x = steps.stream().mapToDouble(MetaStep::step).toArray();
        XYChart loss = chart("Query loss after adaptation, per meta-step", "meta-step", "query loss");
        loss.addSeries("query loss", x, steps.stream().mapToDouble(MetaStep::queryLoss).toArray())
                .setMarker(SeriesMarkers.NONE);
        html.chart("meta-training-loss", loss);
        double[] accuracy = steps.stream().mapToDouble(MetaStep::queryAccuracy).toArray();
        if (java.util.Arrays.stream(accuracy).anyMatch(Double::isFinite)) {
            XYChart acc = chart("Query accuracy after adaptation, per meta-step", "meta-step", "query accuracy");
            acc.addSeries("query accuracy", x, accuracy).setMarker(SeriesMarkers.NONE);
            html.chart("meta-training-accuracy", acc);
        }
        taskLosses(log.tasks());
        html.link(MetaLog.STEPS + ".csv", "every meta-step (CSV)").link(MetaLog.STEPS + ".jsonl", "(JSON Lines)")
                .link(MetaLog.TASKS + ".csv", "every task: support and query loss before and after adaptation (CSV)")
                .link(MetaLog.TASKS + ".jsonl", "(JSON Lines)");
        return this;
    }

    /**
     * The meta-validation curve: the validation score (mean, 95 % interval) at each validated step, with the best
     * marked.
     */
    public MetaReport validation(MetaValidation v) {
        List<MetaValidation.Point> points = v.points();
        MetaValidation.Best best = v.best();
        if (points.isEmpty() || best == null) {
            return this;
        }
        boolean accuracy = v.metric().contains("accuracy");
        java.util.function.Function<MetaValidation.Point, MeanInterval> metric = accuracy
                ? MetaValidation.Point::accuracy : MetaValidation.Point::loss;
        html.heading("Meta-validation");
        html.paragraph(String.format(Locale.ROOT, "%s on %d meta-validation tasks after %d SGD steps from each "
                        + "validated initialisation (mean, 95 %% interval); best %s at meta-step %d, saved as the "
                        + "-best initialisation.", capitalised(v.metric()), v.size(), v.steps(),
                metric.apply(best.point()).format(3), best.step()));
        XYChart c = chart(capitalised(v.metric()) + " on meta-validation tasks", "meta-step", v.metric());
        c.addSeries(v.metric(), points.stream().mapToDouble(MetaValidation.Point::step).toArray(),
                points.stream().mapToDouble(p -> metric.apply(p).mean()).toArray(),
                points.stream().mapToDouble(p -> metric.apply(p).halfWidth()).toArray());
        c.addSeries("best", new double[] {best.step()}, new double[] {metric.apply(best.point()).mean()})
                .setXYSeriesRenderStyle(org.knowm.xchart.XYSeries.XYSeriesRenderStyle.Scatter);
        html.chart("meta-validation", c);
        html.link(MetaValidation.FILE + ".csv", "every validation (CSV)").link(MetaValidation.FILE + ".jsonl",
                "(JSON Lines)");
        return this;
    }

    /** Mean task losses before and after adaptation, per meta-step. */
    private void taskLosses(List<TaskLosses> tasks) {
        Map<Integer, double[]> sums = new TreeMap<>(); // step -> sums of 4 losses, and counts
        for (TaskLosses t : tasks) {
            double[] s = sums.computeIfAbsent(t.step(), k -> new double[8]);
            double[] v = {t.supportBefore(), t.supportAfter(), t.queryBefore(), t.queryAfter()};
            for (int i = 0; i < 4; i++) {
                if (Double.isFinite(v[i])) {
                    s[i] += v[i];
                    s[4 + i]++;
                }
            }
        }
        if (sums.isEmpty()) {
            return;
        }
        XYChart c = chart("Task loss before and after adaptation (mean over the tasks of each meta-step)",
                "meta-step", "loss");
        String[] names = {"support, before", "support, after", "query, before", "query, after"};
        for (int i = 0; i < 4; i++) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (var e : sums.entrySet()) {
                if (e.getValue()[4 + i] > 0) {
                    xs.add((double) e.getKey());
                    ys.add(e.getValue()[i] / e.getValue()[4 + i]);
                }
            }
            if (!xs.isEmpty()) {
                c.addSeries(names[i], xs, ys).setMarker(SeriesMarkers.NONE);
            }
        }
        html.chart("task-losses", c);
    }

    /**
     * The meta-test curves: for each initialisation (in order), the query accuracy and loss after 0..K steps;
     * written as meta-test.csv and .jsonl too.
     */
    public MetaReport testing(String setup, Map<String, List<AdaptationCurve.Point>> curves) {
        html.heading("Meta-test");
        html.paragraph(setup);
        boolean classification = Double.isFinite(curves.values().iterator().next().getFirst().accuracy().mean());
        java.util.function.Function<AdaptationCurve.Point, MeanInterval> metric = classification
                ? AdaptationCurve.Point::accuracy : AdaptationCurve.Point::loss;
        String name = classification ? "query accuracy" : "query mean squared error";
        XYChart chart = chart(capitalised(name) + " after k adaptation steps (mean, 95 % interval)",
                "adaptation steps", name);
        List<String> header = new ArrayList<>(List.of("steps"));
        header.addAll(curves.keySet());
        int k = curves.values().iterator().next().size();
        List<List<String>> rows = new ArrayList<>();
        for (int s = 0; s < k; s++) {
            List<String> row = new ArrayList<>(List.of(Integer.toString(s)));
            for (List<AdaptationCurve.Point> c : curves.values()) {
                row.add(metric.apply(c.get(s)).format(3));
            }
            rows.add(row);
        }
        for (var e : curves.entrySet()) {
            List<AdaptationCurve.Point> c = e.getValue();
            chart.addSeries(e.getKey(), c.stream().mapToDouble(AdaptationCurve.Point::steps).toArray(),
                    c.stream().mapToDouble(p -> metric.apply(p).mean()).toArray(),
                    c.stream().mapToDouble(p -> metric.apply(p).halfWidth()).toArray());
        }
        html.chart(classification ? "meta-test-accuracy" : "meta-test-mse", chart);
        html.subheading(capitalised(name) + " after k steps");
        html.table(header, rows);
        html.link(TEST + ".csv", "every point (CSV)").link(TEST + ".jsonl", "(JSON Lines)");
        pending = curves;
        return this;
    }

    /** One sample sine wave: the truth on a grid, the support points, each initialisation's fit before and after. */
    public record Wave(String name, double[] xs, double[] truth, double[] supportX, double[] supportY,
            Map<String, double[]> before, Map<String, double[]> after) {
    }

    /** The picture of the MAML papers: for each wave, predictions before and after {@code steps} adaptation steps. */
    public MetaReport sineWaves(List<Wave> waves, int steps) {
        html.subheading("Sample waves: each initialisation before and after " + steps + " steps on the support points");
        for (int w = 0; w < waves.size(); w++) {
            Wave wave = waves.get(w);
            XYChart c = chart("Wave " + (w + 1) + " (" + wave.name() + ")", "x", "y");
            c.addSeries("true wave", wave.xs(), wave.truth()).setMarker(SeriesMarkers.NONE);
            c.addSeries("support points", wave.supportX(), wave.supportY())
                    .setXYSeriesRenderStyle(org.knowm.xchart.XYSeries.XYSeriesRenderStyle.Scatter);
            int colour = 0;
            for (String name : wave.before().keySet()) { // one colour per initialisation: dashed before, solid after
                java.awt.Color col = PALETTE[colour++ % PALETTE.length];
                c.addSeries(name + ", before", wave.xs(), wave.before().get(name)).setMarker(SeriesMarkers.NONE)
                        .setLineStyle(org.knowm.xchart.style.lines.SeriesLines.DASH_DASH).setLineColor(col);
                c.addSeries(name + ", after " + steps + " steps", wave.xs(), wave.after().get(name))
                        .setMarker(SeriesMarkers.NONE).setLineColor(col);
            }
            html.chart("sine-wave-" + (w + 1), c);
        }
        return this;
    }

    /** A picture under a heading, with a sentence saying what it shows, saved as {@code name}.png beside the page. */
    public MetaReport picture(String title, String caption, String name, java.awt.image.RenderedImage image) {
        html.subheading(title);
        html.paragraph(caption);
        html.picture(name, image);
        return this;
    }

    static String capitalised(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** Writes the page (and the meta-test files, when there are curves) into {@code dir}; returns the page. */
    public Path write(Path dir) {
        if (pending != null) {
            writeCurves(dir, pending);
        }
        return html.write(dir);
    }

    /** The meta-test curves as CSV and JSON Lines, one row per initialisation and number of steps. */
    public static void writeCurves(Path dir, Map<String, List<AdaptationCurve.Point>> curves) {
        StringBuilder csv = new StringBuilder("initialisation,steps,episodes,accuracy,accuracy_ci95,loss,loss_ci95\n");
        StringBuilder jsonl = new StringBuilder();
        for (var e : curves.entrySet()) {
            for (AdaptationCurve.Point p : e.getValue()) {
                MeanInterval a = p.accuracy();
                MeanInterval l = p.loss();
                csv.append(String.format(Locale.ROOT, "%s,%d,%d,%.6f,%.6f,%.6f,%.6f%n", e.getKey(), p.steps(),
                        a.count(), a.mean(), a.halfWidth(), l.mean(), l.halfWidth()));
                jsonl.append(String.format(Locale.ROOT, "{\"initialisation\":\"%s\",\"steps\":%d,\"episodes\":%d,"
                                + "\"accuracy\":%.6f,\"accuracy_ci95\":%.6f,\"loss\":%.6f,\"loss_ci95\":%.6f}%n",
                        e.getKey(), p.steps(), a.count(), a.mean(), a.halfWidth(), l.mean(), l.halfWidth()));
            }
        }
        try {
            TextFiles.write(dir.resolve(TEST + ".csv"), w -> w.write(csv.toString()));
            TextFiles.write(dir.resolve(TEST + ".jsonl"), w -> w.write(jsonl.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the meta-test results to " + dir, e);
        }
    }

    private static XYChart chart(String title, String xTitle, String yTitle) {
        return new XYChartBuilder().width(800).height(450).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
    }
}
