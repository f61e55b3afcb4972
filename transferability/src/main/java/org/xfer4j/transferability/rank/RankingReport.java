package org.xfer4j.transferability.rank;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.xfer4j.data.io.Csv;
import org.xfer4j.data.io.TextFiles;
import org.xfer4j.evaluation.report.HtmlReport;
import org.xfer4j.evaluation.study.Json;

/**
 * A ranking as people and programs read it: a text table (candidates best first by the primary estimator, each
 * estimator's score, rank and milliseconds), ranking.csv and ranking.json (one record per candidate and estimator),
 * and index.html with the table and one bar chart per estimator.
 */
public final class RankingReport {

    private final RankingResult result;

    /** The report of {@code result}. */
    public RankingReport(RankingResult result) {
        this.result = result;
    }

    /** The table and, below it, each distinct problem once with the candidates it hit. */
    public List<String> lines() {
        List<String> header = header();
        List<List<String>> rows = rows();
        int[] widths = new int[header.size()];
        for (List<String> r : concat(header, rows)) {
            for (int c = 0; c < r.size(); c++) {
                widths[c] = Math.max(widths[c], r.get(c).length());
            }
        }
        List<String> out = new ArrayList<>();
        for (List<String> r : concat(header, rows)) {
            StringBuilder sb = new StringBuilder();
            for (int c = 0; c < r.size(); c++) {
                String cell = r.get(c);
                sb.append(c < 3 ? String.format("%-" + widths[c] + "s", cell) : String.format("%" + widths[c] + "s", cell))
                        .append(c + 1 < r.size() ? "  " : "");
            }
            out.add(sb.toString().stripTrailing());
        }
        problems().forEach((problem, who) -> out.add("not scored: " + problem + " (" + candidates(who) + ")"));
        return out;
    }

    /** Writes ranking.csv, ranking.json and index.html (with its chart PNGs) into {@code dir}; returns the page. */
    public Path write(Path dir) {
        try {
            java.nio.file.Files.createDirectories(dir);
            Csv.write(dir.resolve("ranking.csv"), w -> {
                w.texts(List.of("model", "layer", "dimensions", "estimator", "score", "rank", "millis", "problem"))
                        .end();
                for (CandidateScore s : result.scores()) {
                    w.text(s.candidate().model()).text(s.candidate().layer()).number(s.dimensions())
                            .text(s.estimator()).text(s.ok() ? Double.toString(s.score()) : "")
                            .number(result.rank(s.candidate(), s.estimator())).number(s.millis())
                            .text(s.ok() ? "" : s.problem());
                    w.end();
                }
            });
            TextFiles.write(dir.resolve("ranking.json"), w -> w.write(json() + "\n"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the ranking to " + dir, e);
        }
        HtmlReport page = new HtmlReport("Transferability ranking: " + result.data());
        page.paragraph(result.examples() + " labelled examples of " + result.data() + "; candidates best first by "
                + result.primaryEstimator() + "; higher scores mean better expected transfer (each estimator on its "
                + "own scale); milliseconds exclude feature extraction: " + extraction() + ".");
        page.table(header(), rows());
        problems().forEach((problem, who) -> page.paragraph("not scored: " + problem + " (" + candidates(who) + ")"));
        for (String e : result.estimators()) {
            if (result.scores().stream().anyMatch(s -> s.estimator().equals(e) && s.ok())) {
                page.chart("scores-" + e, chart(e));
            }
        }
        page.link("ranking.csv", "ranking.csv").link("ranking.json", "ranking.json");
        return page.write(dir);
    }

    private List<String> header() {
        List<String> h = new ArrayList<>(List.of("model", "layer", "dims"));
        for (String e : result.estimators()) {
            h.add(e);
            h.add("rank");
            h.add("ms");
        }
        return h;
    }

    private List<List<String>> rows() {
        List<List<String>> rows = new ArrayList<>();
        for (Candidate c : result.ordered(result.primaryEstimator())) {
            List<String> r = new ArrayList<>(List.of(c.model(), c.layer(),
                    Integer.toString(result.score(c, result.estimators().getFirst()).dimensions())));
            for (String e : result.estimators()) {
                CandidateScore s = result.score(c, e);
                r.add(s.ok() ? String.format(Locale.ROOT, "%.4f", s.score()) : "-");
                r.add(s.ok() ? Integer.toString(result.rank(c, e)) : "-");
                r.add(String.format(Locale.ROOT, "%.1f", s.millis()));
            }
            rows.add(r);
        }
        return rows;
    }

    private Map<String, List<String>> problems() {
        Map<String, LinkedHashSet<String>> byProblem = new LinkedHashMap<>();
        for (CandidateScore s : result.scores()) {
            if (!s.ok()) {
                // the candidate's name becomes its model's, so one cause shared by a model's layers is listed once
                String problem = s.problem().replace(s.candidate().toString(), s.candidate().model());
                byProblem.computeIfAbsent(s.estimator() + ": " + problem, k -> new LinkedHashSet<>())
                        .add(s.candidate().toString());
            }
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        byProblem.forEach((k, v) -> out.put(k, List.copyOf(v)));
        return out;
    }

    /** The candidates a problem hit: "all candidates" when it hit every one. */
    private String candidates(List<String> who) {
        return who.size() == result.candidates().size() && who.size() > 1 ? "all " + who.size() + " candidates"
                : String.join(", ", who);
    }

    private String extraction() {
        List<String> parts = new ArrayList<>();
        result.extractionMillis().forEach((m, ms) -> parts.add(String.format(Locale.ROOT, "%s %.0f ms", m, ms)));
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }

    private String json() {
        List<Map<String, Object>> scores = new ArrayList<>();
        for (CandidateScore s : result.scores()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("model", s.candidate().model());
            m.put("layer", s.candidate().layer());
            m.put("dimensions", s.dimensions());
            m.put("estimator", s.estimator());
            m.put("score", s.ok() ? s.score() : null);
            m.put("rank", result.rank(s.candidate(), s.estimator()));
            m.put("millis", s.millis());
            m.put("problem", s.problem());
            scores.add(m);
        }
        Map<String, Object> extraction = new LinkedHashMap<>(result.extractionMillis());
        return new Json().field("data", result.data()).field("examples", result.examples())
                .field("estimators", result.estimators()).field("extractionMillis", extraction)
                .field("scores", scores).close();
    }

    private CategoryChart chart(String estimator) {
        List<Candidate> ordered = result.ordered(estimator).stream().filter(c -> result.score(c, estimator).ok())
                .toList();
        CategoryChart c = new CategoryChartBuilder().width(900).height(520).title(estimator + " score per candidate")
                .xAxisTitle("").yAxisTitle(estimator).build();
        c.getStyler().setLegendVisible(false);
        c.getStyler().setXAxisLabelRotation(45);
        c.addSeries(estimator, ordered.stream().map(RankingReport::label).toList(),
                ordered.stream().map(x -> result.score(x, estimator).score()).toList());
        return c;
    }

    /**
     * A short axis label: the model and, for a layer path such as {@code /encoder/layer.4/output/LayerNorm/Add_1},
     * its first part that numbers a block ({@code layer.4}).
     */
    static String label(Candidate c) {
        String layer = c.layer();
        if (layer.contains("/")) {
            for (String part : layer.split("/")) {
                if (part.matches(".*\\d.*")) {
                    layer = part;
                    break;
                }
            }
        }
        return c.model() + " " + layer;
    }

    private static List<List<String>> concat(List<String> header, List<List<String>> rows) {
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        return all;
    }
}
