package org.xfer4j.cli;

import java.nio.file.Path;
import java.util.Locale;
import org.xfer4j.core.Xfer;
import org.xfer4j.evaluation.report.StudyReport;
import org.xfer4j.evaluation.study.ResultLog;
import org.xfer4j.evaluation.study.Studies;
import org.xfer4j.evaluation.study.StudyDefinition;
import org.xfer4j.evaluation.study.StudyFile;
import org.xfer4j.evaluation.study.StudyRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Runs a study file: every method on every dataset, model and draw, results appended run by run, an HTML report. */
@Command(name = "study", description = "Run a benchmark study file (YAML): datasets, models and layers, methods with "
        + "option grids, shots per class, repeats. Results are appended run by run to OUT/runs.jsonl and runs.csv; "
        + "running again resumes where it stopped, and OUT/index.html is the report.")
final class StudyCommand implements Runnable {

    @Mixin
    HostOptions host;

    @Parameters(index = "0", paramLabel = "FILE", description = "The study file.")
    Path file;

    @Option(names = "--out", description = "Results and report folder (default reports/<file name>).")
    Path out;

    @Option(names = "--fresh", description = "Discard earlier results in the folder and start over.")
    boolean fresh;

    @Option(names = "--report-only", description = "Re-render the report from the recorded results; run nothing.")
    boolean reportOnly;

    @Override
    public void run() {
        StudyDefinition study = StudyFile.read(file);
        Path dir = out != null ? out : Path.of("reports", file.getFileName().toString().replaceFirst("\\.ya?ml$", ""));
        if (reportOnly) {
            Path page = Studies.render(study, dir);
            System.out.print(new StudyReport(study, ResultLog.read(dir)).table());
            System.out.printf("report: %s%n", page.toAbsolutePath());
            return;
        }
        ConsoleProgress progress = new ConsoleProgress();
        try (Xfer xfer = host.open(progress)) {
            StudyRunner.Outcome o = Studies.run(xfer, study, file.toString(), dir, fresh, progress);
            System.out.println();
            System.out.print(new StudyReport(study, o.records()).table());
            System.out.printf(Locale.ROOT, "%d runs made, %d already recorded; %.1f s in all: %.1f s preparing data "
                            + "and features, %.1f s fitting and predicting, harness overhead %.2f s (%.1f %% of fit + "
                            + "predict)%n", o.newRuns(), o.skipped(), o.wallMillis() / 1000,
                    o.preparationMillis() / 1000, o.fitPredictMillis() / 1000, o.overheadMillis() / 1000,
                    o.fitPredictMillis() > 0 ? 100 * o.overheadMillis() / o.fitPredictMillis() : 0);
            System.out.printf("report: %s (runs.csv, runs.jsonl, summary.csv, provenance.json beside it)%n",
                    dir.resolve("index.html").toAbsolutePath());
        }
    }
}
