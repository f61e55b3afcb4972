package org.xfer4j.evaluation.study;

import java.nio.file.Path;
import org.xfer4j.api.Progress;
import org.xfer4j.core.Xfer;
import org.xfer4j.evaluation.report.StudyReport;

/**
 * Runs studies for the command line and host applications alike: validate, resume or start the results, run what
 * is missing, render the report.
 * <pre>{@code
 * try (Xfer xfer = Xfer.builder().build()) {
 *     StudyDefinition study = StudyFile.read(Path.of("my-study.yaml"));
 *     Studies.run(xfer, study, "my-study.yaml", Path.of("reports/my-study"), false, Progress.NONE);
 * }
 * }</pre>
 */
public final class Studies {

    private Studies() {
    }

    /**
     * Validates {@code study} (errors name lines of {@code fileName}) before any work, runs every run not yet in
     * {@code out} (all of them when {@code fresh}), and writes the report there.
     */
    public static StudyRunner.Outcome run(Xfer xfer, StudyDefinition study, String fileName, Path out, boolean fresh,
                                          Progress progress) {
        StudyValidator.validate(study, xfer.registry(), fileName);
        ResultLog log = ResultLog.open(out, fresh);
        StudyProvenance.write(out, study, xfer.registry());
        StudyRunner.Outcome outcome = new StudyRunner(xfer, progress).run(study, log);
        new StudyReport(study, outcome.records()).write(out);
        return outcome;
    }

    /** Re-renders the report of the results in {@code out} without running anything; returns the page. */
    public static Path render(StudyDefinition study, Path out) {
        return new StudyReport(study, ResultLog.read(out)).write(out);
    }
}
