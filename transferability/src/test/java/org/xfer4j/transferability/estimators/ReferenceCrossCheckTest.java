package org.xfer4j.transferability.estimators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.feature.FeatureMatrix;
import org.xfer4j.api.transfer.TransferTarget;

/**
 * LogME, H-score, LEEP and NCE against straightforward NumPy implementations (reference_estimators.py, dense d x d
 * matrices, scikit-learn's Ledoit-Wolf) on small matrices: more examples than features, fewer (where LogME's null
 * space and H-score's shrinkage matter), few enough that the labels can be interpolated (LogME's noise precision
 * grows without bound), and a weak signal over many classes. One python3 run scores every case. Skipped, saying why,
 * where /usr/bin/python3, NumPy or scikit-learn is missing (Debian python3-sklearn brings all three).
 */
class ReferenceCrossCheckTest {

    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final ProviderContext CONTEXT = ProviderContext.defaults();

    @Test
    void everyEstimatorMatchesItsNumPyReference(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(PYTHON), "no /usr/bin/python3: cannot cross-check with NumPy");
        Process probe = new ProcessBuilder(PYTHON.toString(), "-c", "import numpy, sklearn").redirectErrorStream(true)
                .start();
        Assumptions.assumeTrue(probe.waitFor(120, TimeUnit.SECONDS) && probe.exitValue() == 0,
                "python3 lacks numpy or sklearn (apt-get install python3-sklearn): cannot cross-check");
        List<TransferTarget> cases = List.of(
                Samples.target(1, 60, 5, 3, 1.2, 4),      // more examples than features
                Samples.target(2, 14, 30, 2, 0.8, 6),     // fewer examples than features
                Samples.target(4, 6, 50, 2, 1.0, 3),      // six examples in fifty dimensions: interpolated labels
                Samples.target(3, 50, 12, 5, 0.3, 3));    // many classes, weak signal
        List<Map<String, Double>> reference = reference(cases, dir);
        for (int i = 0; i < cases.size(); i++) {
            TransferTarget t = cases.get(i);
            Map<String, Double> r = reference.get(i);
            // the same float32 inputs, double arithmetic on both sides: agreement far below any ranking difference
            assertThat(new LogMe().estimate(t, CONTEXT)).as("logme, case %d", i).isCloseTo(r.get("logme"),
                    within(1e-7));
            assertThat(new HScore().estimate(t, CONTEXT)).as("hscore, case %d", i).isCloseTo(r.get("hscore"),
                    within(1e-7 * Math.max(1, Math.abs(r.get("hscore")))));
            assertThat(new Leep().estimate(t, CONTEXT)).as("leep, case %d", i).isCloseTo(r.get("leep"), within(1e-6));
            assertThat(new Nce().estimate(t, CONTEXT)).as("nce, case %d", i).isCloseTo(r.get("nce"), within(1e-9));
        }
    }

    private static List<Map<String, Double>> reference(List<TransferTarget> cases, Path dir) throws Exception {
        Path script = dir.resolve("reference_estimators.py");
        try (InputStream s = ReferenceCrossCheckTest.class.getResourceAsStream("reference_estimators.py")) {
            Files.copy(s, script);
        }
        List<String> command = new ArrayList<>(List.of(PYTHON.toString(), script.toString()));
        for (int i = 0; i < cases.size(); i++) {
            Path data = dir.resolve("case" + i + ".csv");
            Files.write(data, csv(cases.get(i)));
            command.add(data.toString());
        }
        Process run = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<String> lines = new String(run.getInputStream().readAllBytes()).lines().toList();
        assertThat(run.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(run.exitValue()).as("reference script exit status").isZero();
        assertThat(lines).hasSize(cases.size());
        List<Map<String, Double>> out = new ArrayList<>();
        for (String line : lines) {
            Matcher m = Pattern.compile("\"(\\w+)\": (-?[0-9.eE+-]+)").matcher(line);
            Map<String, Double> scores = new HashMap<>();
            while (m.find()) {
                scores.put(m.group(1), Double.parseDouble(m.group(2)));
            }
            assertThat(scores).as("reference output: %s", line).containsKeys("logme", "hscore", "leep", "nce");
            out.add(scores);
        }
        return out;
    }

    private static List<String> csv(TransferTarget t) {
        FeatureMatrix f = t.features().features();
        FeatureMatrix p = t.sourceProbabilities();
        List<String> lines = new ArrayList<>();
        StringBuilder header = new StringBuilder("label");
        for (int j = 0; j < f.columns(); j++) {
            header.append(",f").append(j);
        }
        for (int k = 0; k < p.columns(); k++) {
            header.append(",p").append(k);
        }
        lines.add(header.toString());
        for (int i = 0; i < f.rows(); i++) {
            StringBuilder row = new StringBuilder(Integer.toString(t.features().labels()[i]));
            for (int j = 0; j < f.columns(); j++) {
                row.append(',').append(f.get(i, j)); // Float.toString round-trips the float exactly
            }
            for (int k = 0; k < p.columns(); k++) {
                row.append(',').append(p.get(i, k));
            }
            lines.add(row.toString());
        }
        return lines;
    }
}
