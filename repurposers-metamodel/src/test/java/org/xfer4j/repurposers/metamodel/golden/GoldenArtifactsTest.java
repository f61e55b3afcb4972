package org.xfer4j.repurposers.metamodel.golden;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.feature.FeatureMatrix;
import org.xfer4j.api.feature.FeatureSet;
import org.xfer4j.api.repurpose.FeatureClassifier;
import org.xfer4j.api.repurpose.FeatureRepurposerProvider;
import org.xfer4j.core.artifact.Artifact;
import org.xfer4j.core.artifact.ArtifactReader;
import org.xfer4j.core.artifact.ArtifactWriter;
import org.xfer4j.core.artifact.HostInfo;
import org.xfer4j.core.artifact.Manifest;
import org.xfer4j.core.artifact.Provenance;
import org.xfer4j.repurposers.metamodel.gp.GpProvider;
import org.xfer4j.repurposers.metamodel.lr.LrProvider;
import org.xfer4j.repurposers.metamodel.svm.SvmProvider;
import org.xfer4j.repurposers.metamodel.testdata.SklearnData;
import org.xfer4j.testkit.GoldenPredictions;

/**
 * Artifacts of lr, svm (linear and RBF) and gp (exact and sparse) trained on real iris flowers, saved in artifact
 * format 1 and committed under src/test/resources/golden with the probabilities they gave then on every fifth iris
 * flower. Every later Xfer4j must load them and predict the same: a change to a payload layout that breaks saved
 * models fails here. Never regenerate them; a new payload layout gets new golden files beside these. They were
 * written by {@link #writeGoldenFiles} ({@code -Dxfer4j.golden.write=src/test/resources/golden}).
 */
@Tag("debian")
class GoldenArtifactsTest {

    /** One golden artifact: the file stem, the method and its options, and the training examples (iris indices). */
    record Case(String name, FeatureRepurposerProvider provider, Map<String, String> options, int[] training) {

        @Override
        public String toString() {
            return name;
        }
    }

    /** Predictions are plain double arithmetic and Smile's BLAS; summation order may differ between machines. */
    private static final double TOLERANCE = 1e-9;

    static Stream<Case> cases() {
        int[] tenPerClass = IntStream.range(0, 150).filter(i -> i % 50 < 10).toArray();
        int[] all = IntStream.range(0, 150).toArray();
        return Stream.of(
                // the defaults when these were written (C and gamma became auto later)
                new Case("lr-format1", new LrProvider(), Map.of("C", "1.0"), tenPerClass),
                new Case("svm-linear-format1", new SvmProvider(), Map.of("kernel", "linear", "C", "1.0"), tenPerClass),
                new Case("svm-rbf-format1", new SvmProvider(), Map.of("kernel", "rbf", "C", "1.0", "gamma", "scale"),
                        tenPerClass),
                new Case("gp-exact-format1", new GpProvider(), Map.of(), tenPerClass),
                new Case("gp-sparse-format1", new GpProvider(), Map.of("exactLimit", "0", "inducingPoints", "8",
                        "hyperEvaluations", "10"), all));
    }

    /** The flowers the recorded predictions are for: every fifth of the 150. */
    private static FeatureMatrix probe() {
        return SklearnData.iris().select(IntStream.range(0, 150).filter(i -> i % 5 == 0).toArray()).features();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void loadsAndPredictsAsWhenSaved(Case c) {
        Artifact a = ArtifactReader.read(resource(c.name() + ".xfer"));
        assertThat(a.manifest().formatVersion()).isEqualTo(1);
        assertThat(a.manifest().kind()).isEqualTo(Manifest.Kind.FEATURE);
        assertThat(a.manifest().providerId()).isEqualTo(c.provider().id());
        assertThat(a.provenance().datasetSize()).isEqualTo(c.training().length);
        FeatureClassifier classifier = c.provider().load(a.payload(), c.provider().parseOptions(a.options()));
        assertThat(classifier.classes()).containsExactly("setosa", "versicolor", "virginica");
        GoldenPredictions.assertSame(resource(c.name() + ".expected.csv"), classifier.predict(probe()).probabilities(),
                TOLERANCE);
    }

    @Test
    @EnabledIfSystemProperty(named = "xfer4j.golden.write", matches = ".+")
    void writeGoldenFiles() {
        Path dir = Path.of(System.getProperty("xfer4j.golden.write"));
        for (Case c : cases().toList()) {
            FeatureSet training = SklearnData.iris().select(c.training());
            FeatureClassifier classifier = c.provider().fit(training, c.provider().parseOptions(c.options()),
                    ProviderContext.defaults());
            Provenance provenance = new Provenance("sklearn:iris.csv", "iris measurements", "-",
                    List.of("features"), "iris", training.size(), "-", 42, HostInfo.jvm(), HostInfo.os(),
                    HostInfo.xfer4jVersion());
            ArtifactWriter.write(dir.resolve(c.name() + ".xfer"), Manifest.create(Manifest.Kind.FEATURE, c.provider()),
                    c.provider().parseOptions(c.options()).toProperties(), provenance, classifier::save, null);
            GoldenPredictions.write(dir.resolve(c.name() + ".expected.csv"), classifier.predict(probe()).probabilities());
        }
    }

    private static Path resource(String name) {
        return GoldenPredictions.file(GoldenArtifactsTest.class.getResource("/golden/" + name), name);
    }
}
