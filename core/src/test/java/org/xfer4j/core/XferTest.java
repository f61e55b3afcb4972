package org.xfer4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.multibindings.Multibinder;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xfer4j.api.Device;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.InvalidOptionException;
import org.xfer4j.api.Progress;
import org.xfer4j.api.Provider;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.data.InMemoryDataset;
import org.xfer4j.api.feature.FeatureMatrix;
import org.xfer4j.api.feature.FeatureSet;
import org.xfer4j.api.feature.LayerBlock;
import org.xfer4j.api.model.ModelSource;
import org.xfer4j.api.model.SourceModel;
import org.xfer4j.api.repurpose.FeatureClassifier;
import org.xfer4j.api.repurpose.Predictions;
import org.xfer4j.api.repurpose.RepurposedModel;
import org.xfer4j.core.artifact.Artifact;
import org.xfer4j.core.artifact.ArtifactReader;
import org.xfer4j.core.calibration.Calibration;
import org.xfer4j.core.fakes.FakeData;
import org.xfer4j.core.fakes.FakeExtractorProvider;
import org.xfer4j.core.fakes.FakeGraphProvider;
import org.xfer4j.core.fakes.FakeModelSource;
import org.xfer4j.core.metrics.Evaluation;
import org.xfer4j.core.registry.Registry;
import org.xfer4j.core.tuning.Objective;
import org.xfer4j.core.tuning.Strategy;
import org.xfer4j.core.tuning.TuningResult;
import org.xfer4j.core.tuning.TuningSettings;
import org.xfer4j.data.registry.FetchException;
import org.xfer4j.data.registry.MavenArtifacts;

/**
 * The facade end to end with the real prototype plugin (found by ServiceLoader) and fake models whose "activations"
 * are the samples themselves, so every probability below can be computed by hand.
 */
class XferTest {

    private static final double EPS = 1e-9;

    @TempDir
    Path dir;

    private final FakeExtractorProvider extractor = new FakeExtractorProvider();
    private Xfer xfer;

    /** Class a around (0, 0), class b around (2, 2): the prototypes are exactly those points. */
    private static final Dataset TRAIN = FakeData.points("train",
            new float[][] {{-0.5f, 0}, {2, 1.5f}, {0.5f, 0}, {2, 2.5f}}, new int[] {0, 1, 0, 1});
    private static final Dataset TEST = FakeData.points("test", new float[][] {{0, 0}, {1, 1}, {2, 2}},
            new int[] {0, 0, 1});

    private Xfer open(FakeModelSource source) {
        xfer = Xfer.builder().optCacheDir(dir.resolve("cache")).optModule(providers(source, extractor)).build();
        return xfer;
    }

    private Xfer open() {
        return open(new FakeModelSource());
    }

    /** A host module adding providers through the multibinding XferModule declares. */
    private static Module providers(Provider... providers) {
        return new AbstractModule() {
            @Override
            protected void configure() {
                Multibinder<Provider> set = Multibinder.newSetBinder(binder(), Provider.class);
                for (Provider p : providers) {
                    set.addBinding().toInstance(p);
                }
                set.addBinding().toInstance(new FakeGraphProvider());
            }
        };
    }

    @AfterEach
    void closeXfer() {
        if (xfer != null) {
            xfer.close();
        }
    }

    @Test
    void builderSettingsReachTheProviderContext() {
        Xfer x = Xfer.builder().optCacheDir(dir).optDevice(Device.parse("cuda:1")).optThreads(3).optSeed(7)
                .optProgress(Progress.NONE).build();
        xfer = x;
        assertThat(x.context()).isEqualTo(new ProviderContext(dir, Device.parse("cuda:1"), 3, 7, Progress.NONE));
        assertThat(x.registry().plugins()).extracting(r -> r.name()).containsExactly(Registry.BUILT_IN);
        assertThat(x.registry().repurposer("prototype").getClass().getName())
                .isEqualTo("org.xfer4j.plugin.prototype.PrototypeProvider");
        assertThat(x.registry().origin(x.registry().repurposer("prototype"))).isEqualTo(Registry.BUILT_IN);
    }

    @Test
    void aCacheFolderThatIsAFileIsRefusedByName() throws IOException {
        Path file = Files.writeString(dir.resolve("cache"), "not a folder");
        assertThatThrownBy(() -> Xfer.builder().optCacheDir(file)).isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("the cache folder " + file + " is a file");
    }

    @Test
    void hostModulesReplaceBindings() {
        ProviderContext replaced = new ProviderContext(dir, Device.CPU, 1, 99, Progress.NONE);
        xfer = Xfer.builder().optModule(new AbstractModule() {
            @Override
            protected void configure() {
                bind(ProviderContext.class).toInstance(replaced);
            }
        }).build();
        assertThat(xfer.context()).isSameAs(replaced);
    }

    @Test
    void extractionIsCachedOnDiskByModelLayersAndContent() throws IOException {
        open();
        SourceModel model = xfer.openModel("fake:net");
        FeatureMatrix f = xfer.extract(model, TRAIN, List.of("conv", "fc"));
        assertThat(f.columns()).isEqualTo(4);
        assertThat(f.row(1)).containsExactly(20, 15, 2, 1.5f);
        assertThat(f.blocks()).extracting(b -> b.layer()).containsExactly("conv", "fc");

        xfer.extract(model, TRAIN, List.of("conv", "fc"));
        // the same content under another name is the same data
        xfer.extract(model, FakeData.points("renamed", new float[][] {{-0.5f, 0}, {2, 1.5f}, {0.5f, 0}, {2, 2.5f}},
                new int[] {0, 1, 0, 1}), List.of("conv", "fc"));
        assertThat(extractor.extractions).hasValue(1);
        xfer.extract(model, TRAIN, List.of("fc"));
        assertThat(extractor.extractions).as("other layers").hasValue(2);
        try (Stream<Path> files = Files.list(dir.resolve("cache/features"))) {
            assertThat(files).hasSize(2);
        }

        // a new Xfer over the same cache folder reads the features from disk
        xfer.close();
        FakeExtractorProvider fresh = new FakeExtractorProvider();
        try (Xfer again = Xfer.builder().optCacheDir(dir.resolve("cache"))
                .optModule(providers(new FakeModelSource(), fresh)).build()) {
            FeatureMatrix cached = again.extract(again.openModel("fake:net"), TRAIN, List.of("conv", "fc"));
            assertThat(cached.values()).isEqualTo(f.values());
            assertThat(cached.blocks()).isEqualTo(f.blocks());
            assertThat(fresh.extractions).hasValue(0);
        }
    }

    @Test
    void unknownLayerIsNamedBeforeAnythingRuns() {
        open();
        SourceModel model = xfer.openModel("fake:net");
        assertThatThrownBy(() -> xfer.extract(model, TRAIN, List.of("fc7")))
                .isInstanceOf(SourceModel.UnknownLayerException.class).hasMessageContaining("no layer 'fc7'");
        assertThatThrownBy(() -> xfer.extract(model, TRAIN, List.of()))
                .isInstanceOf(InvalidOptionException.class).hasMessageContaining("at least one layer");
        assertThat(extractor.extractions).hasValue(0);
    }

    @Test
    void unknownModelReferenceListsTheSources() {
        open();
        assertThatThrownBy(() -> xfer.openModel("resnet-50")).isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("'resnet-50'").hasMessageContaining("fake (models without graphs");
    }

    @Test
    void fitTrainsAFeatureMethodOnGivenFeatures() {
        open();
        FeatureSet train = new FeatureSet(FeatureMatrix.of(new float[][] {{0}, {2}}), new int[] {0, 1},
                List.of("a", "b"));
        FeatureClassifier c = xfer.fit("prototype", train, Map.of("temperature", "2"));
        double[] p = c.predict(FeatureMatrix.of(new float[][] {{0}})).probabilities()[0];
        // squared distances 0 and 4, temperature 2
        assertThat(p[0]).isCloseTo(1 / (1 + Math.exp(-2)), within(EPS));
        assertThatThrownBy(() -> c.predict(FeatureMatrix.of(new float[][] {{0, 1}})))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("trained on 1 features but is given 2");
        assertThatThrownBy(() -> c.predict(FeatureMatrix.of(new float[][] {{Float.NaN}})))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("row 0, column 0");
    }

    @Test
    void fitRefusesUntrainableSetsAndUnknownOptions() {
        open();
        List<String> ab = List.of("a", "b");
        FeatureSet empty = new FeatureSet(new FeatureMatrix(0, 1, new float[0], List.of(new LayerBlock("f", 0, 1))),
                new int[0], ab);
        FeatureSet oneClass = new FeatureSet(FeatureMatrix.of(new float[][] {{0}, {1}}), new int[] {1, 1}, ab);
        FeatureSet infinite = new FeatureSet(FeatureMatrix.of(new float[][] {{0}, {Float.POSITIVE_INFINITY}}),
                new int[] {0, 1}, ab);
        FeatureSet fine = new FeatureSet(FeatureMatrix.of(new float[][] {{0}, {1}}), new int[] {0, 1}, ab);
        assertThatThrownBy(() -> xfer.fit("prototype", empty, Map.of()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> xfer.fit("prototype", oneClass, Map.of()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("only 1 class");
        assertThatThrownBy(() -> xfer.fit("prototype", infinite, Map.of()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("row 1, column 0");
        assertThatThrownBy(() -> xfer.fit("prototype", fine, Map.of("temprature", "2")))
                .isInstanceOf(InvalidOptionException.class).hasMessageContaining("temprature");
        assertThatThrownBy(() -> xfer.fit("knn", fine, Map.of()))
                .isInstanceOf(InvalidOptionException.class).hasMessageContaining("'knn'").hasMessageContaining("prototype");
        assertThatThrownBy(() -> xfer.fit("priors", fine, Map.of()))
                .isInstanceOf(InvalidOptionException.class).hasMessageContaining("use repurpose");
    }

    @Test
    void searchedAndCalibratedModelKeepsBothThroughSaveAndLoad() {
        open();
        SourceModel model = xfer.openModel("fake:net");
        // two overlapping clouds, six points each, so neither the temperature nor the calibration is trivial
        Dataset train = FakeData.points("clouds", new float[][] {{0, 0}, {1, 0.5f}, {0.5f, 1}, {1.5f, 1.5f},
                {0, 1}, {2, 0}, {2, 2}, {1, 1.5f}, {1.5f, 1}, {0.5f, 0.5f}, {3, 2}, {2, 3}},
                new int[] {0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1});
        FitSettings settings = new FitSettings(new TuningSettings(Strategy.RANDOM, 4, 3, Objective.LOG_LOSS), true);
        FeatureRepurposedModel r = (FeatureRepurposedModel) xfer.repurpose("prototype", model, List.of("fc"), train,
                Map.of("temperature", "auto"), settings);
        TuningResult tuning = r.tuning().orElseThrow();
        assertThat(tuning.trials()).hasSize(4);
        assertThat(r.options().toProperties()).containsEntry("temperature", tuning.best().options().get("temperature"));
        Calibration calibration = r.calibration().orElseThrow();
        assertThat(calibration.after().nll()).isLessThanOrEqualTo(calibration.before().nll());
        double[][] p = r.predict(TEST, Progress.NONE).probabilities();

        Path file = dir.resolve("tuned.xfer");
        xfer.save(r, file);
        assertThat(ArtifactReader.read(file).manifest().formatVersion()).isEqualTo(3);
        try (RepurposedModel loaded = xfer.load(file)) {
            FeatureRepurposedModel f = (FeatureRepurposedModel) loaded;
            assertThat(f.tuning()).contains(tuning);
            assertThat(f.calibration()).contains(calibration);
            assertThat(loaded.predict(TEST, Progress.NONE).probabilities()).isDeepEqualTo(p);
        }
        Path plain = dir.resolve("plain.xfer");
        xfer.save(xfer.repurpose("prototype", model, List.of("fc"), train, Map.of()), plain);
        assertThat(ArtifactReader.read(plain).manifest().formatVersion()).isEqualTo(2);
    }

    @Test
    void searchOfAGraphMethodIsRefused() {
        open();
        assertThatThrownBy(() -> xfer.repurpose("priors", xfer.openModel("fake:net"), List.of("fc"), TRAIN,
                Map.of(), new FitSettings(TuningSettings.DEFAULTS, true))).isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("priors trains the graph itself");
    }

    @Test
    void exportThroughAnExtractorThatCannotIsRefusedNamingTheMethod() {
        open();
        RepurposedModel r = xfer.repurpose("prototype", xfer.openModel("fake:net"), List.of("fc"), TRAIN, Map.of());
        Path target = dir.resolve("model.onnx");
        // the fake extractor keeps the SPI's default: it cannot write its model as ONNX
        assertThatThrownBy(() -> r.exportOnnx(target)).isInstanceOf(org.xfer4j.api.XferException.class)
                .hasMessageStartingWith("prototype models cannot be exported as one ONNX graph")
                .hasMessageContaining("cannot export its model as one ONNX graph");
        assertThat(target).doesNotExist();
    }

    @Test
    void repurposedFeatureModelPredictsSavesAndLoadsBack() {
        open();
        SourceModel model = xfer.openModel("fake:net");
        RepurposedModel r = xfer.repurpose("prototype", model, List.of("fc"), TRAIN, Map.of());
        assertThat(r).isInstanceOf(FeatureRepurposedModel.class);
        assertThat(r.classes()).containsExactly("a", "b");
        double[][] p = r.predict(TEST, Progress.NONE).probabilities();
        // (0,0): squared distances 0 and 8; (1,1): 2 and 2; temperature 1
        assertThat(p[0][0]).isCloseTo(1 / (1 + Math.exp(-8)), within(EPS));
        assertThat(p[1][0]).isCloseTo(0.5, within(EPS));
        assertThat(p[2][1]).isCloseTo(1 / (1 + Math.exp(-8)), within(EPS));

        Path file = dir.resolve("model.xfer");
        xfer.save(r, file);
        try (RepurposedModel loaded = xfer.load(file)) {
            FeatureRepurposedModel f = (FeatureRepurposedModel) loaded;
            assertThat(f.providerId()).isEqualTo("prototype");
            assertThat(f.layers()).containsExactly("fc");
            assertThat(f.sourceModel().reference()).isEqualTo("fake:net");
            assertThat(f.provenance().datasetSize()).isEqualTo(4);
            assertThat(f.provenance().seed()).isEqualTo(42L);
            assertThat(loaded.predict(TEST, Progress.NONE).probabilities()).isDeepEqualTo(p);
        }
    }

    @Test
    void evaluateMatchesTestLabelsToTheModelsClassesByName() {
        open();
        RepurposedModel r = xfer.repurpose("prototype", xfer.openModel("fake:net"), List.of("fc"), TRAIN, Map.of());
        // test data holding only class b (its label 0) and a class the model never saw, around b's prototype
        Dataset onlyB = new InMemoryDataset("only-b", List.of("b", "junk"),
                FakeData.points("x", new float[][] {{2, 2}, {2.2f, 1.8f}, {1.9f, 2}}, new int[] {0, 0, 0}).samples(),
                new int[] {0, 0, 1});
        Evaluation e = xfer.evaluate(r, onlyB);
        // both b examples are right (position 0 would have been class a); junk counts as wrong
        assertThat(e.accuracy()).isCloseTo(2.0 / 3, within(EPS));
        assertThat(e.unseenLabels()).isEqualTo(Map.of("junk", 1));
        Dataset unlabelled = FakeData.points("unlabelled", new float[][] {{0, 0}, {1, 1}}, new int[] {0, -1});
        assertThatThrownBy(() -> xfer.evaluate(r, unlabelled)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("example 1 of dataset unlabelled has no label");
    }

    @Test
    void aSourceModelMissingFromTheCacheIsFetchedOnlyWhenAllowedAndSaidFirst() throws IOException {
        Path file = dir.resolve("model.xfer");
        open();
        xfer.save(xfer.repurpose("prototype", xfer.openModel("fake:net"), List.of("fc"), TRAIN, Map.of()), file);
        xfer.close();
        // a model source that, like the Maven model packs, fetches what its local repository lacks
        Path emptyRepository = dir.resolve("m2");
        FakeModelSource cached = new FakeModelSource();
        ModelSource fetching = new ModelSource() {
            public String id() {
                return "fetching";
            }

            public String description() {
                return "fetches org.example:absent:1.0 before opening fake models";
            }

            public boolean accepts(String reference) {
                return cached.accepts(reference);
            }

            public SourceModel open(String reference, ProviderContext context) {
                new MavenArtifacts(emptyRepository).resolve("org.example:absent:1.0");
                return cached.open(reference, context);
            }
        };
        xfer = Xfer.builder().optCacheDir(dir.resolve("cache")).optModule(providers(fetching, extractor)).build();
        assertThatThrownBy(() -> xfer.load(file)).isInstanceOf(FetchException.class)
                .hasMessageContaining("Maven artifact org.example:absent:1.0")
                .hasMessageContaining("is not in the cache, and fetching it was not allowed")
                .hasMessageContaining("artifact " + file + " names source model fake:net")
                .hasMessageContaining("--allow-fetch");
        List<String> said = new ArrayList<>();
        // allowed: the download is described before it starts (stopped here, so the test needs no network)
        assertThatThrownBy(() -> xfer.loadAllowingFetch(file, what -> {
            said.add(what);
            throw new IllegalStateException("stop before downloading");
        })).hasMessage("stop before downloading");
        assertThat(said).singleElement().asString().startsWith("fetching Maven artifact org.example:absent:1.0");
        assertThat(emptyRepository).doesNotExist();
    }

    @Test
    void repurposeChecksLabelsBeforeExtractingAnything() {
        open();
        SourceModel model = xfer.openModel("fake:net");
        Dataset oneClass = FakeData.points("spam only", new float[][] {{0, 0}, {1, 1}}, new int[] {1, 1});
        Dataset unlabelled = FakeData.points("unlabelled", new float[][] {{0, 0}, {1, 1}}, new int[] {0, -1});
        Dataset empty = FakeData.points("nothing", new float[0][], new int[0]);
        assertThatThrownBy(() -> xfer.repurpose("prototype", model, List.of("fc"), oneClass, Map.of()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("spam only has examples of only 1 class");
        assertThatThrownBy(() -> xfer.repurpose("prototype", model, List.of("fc"), unlabelled, Map.of()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("example 1 of the training set unlabelled");
        assertThatThrownBy(() -> xfer.repurpose("prototype", model, List.of("fc"), empty, Map.of()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("nothing is empty");
        assertThatThrownBy(() -> xfer.repurpose("prototype", model, List.of("fc"), TRAIN, Map.of("k", "3")))
                .isInstanceOf(InvalidOptionException.class).hasMessageContaining("unknown option [k] for prototype");
        assertThat(extractor.extractions).hasValue(0);
    }

    @Test
    void predictingDataOfAnotherWidthNamesBothWidths() {
        open();
        SourceModel model = xfer.openModel("fake:net");
        RepurposedModel r = xfer.repurpose("prototype", model, List.of("fc"), TRAIN, Map.of());
        Dataset wide = FakeData.points("wide", new float[][] {{0, 0, 0}}, new int[] {0});
        assertThatThrownBy(() -> r.predict(wide, Progress.NONE)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("trained on 2 features but is given 3");
    }

    @Test
    void loadRefusesAnArtifactWhoseSourceModelChanged() {
        open();
        Path file = dir.resolve("model.xfer");
        xfer.save(xfer.repurpose("prototype", xfer.openModel("fake:net"), List.of("fc"), TRAIN, Map.of()), file);
        xfer.close();
        open(new FakeModelSource(Map.of("fake:net", "00ff")));
        assertThatThrownBy(() -> xfer.load(file)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("artifact " + file + " was trained on model fake:net with sha256 ")
                .hasMessageContaining("now opens a model with sha256 00ff");
    }

    @Test
    void graphModelsSaveAndLoadThroughTheirProvider() {
        open();
        RepurposedModel r = xfer.repurpose("priors", xfer.openModel("fake:net"), List.of("fc"),
                FakeData.points("t", new float[][] {{0}, {1}, {2}, {3}}, new int[] {0, 1, 1, 1}), Map.of());
        assertThat(r).isInstanceOf(GraphRepurposedModel.class);
        Path file = dir.resolve("priors.xfer");
        xfer.save(r, file);
        try (RepurposedModel loaded = xfer.load(file)) {
            Predictions p = loaded.predict(TEST, Progress.NONE);
            assertThat(p.probabilities()[0]).containsExactly(0.25, 0.75);
            assertThat(((GraphRepurposedModel) loaded).provenance().sourceReference()).isEqualTo("fake:net");
        }
        // a host without the method says which one is missing
        Xfer without = Xfer.builder().optCacheDir(dir).build();
        assertThatThrownBy(() -> without.load(file)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("artifact " + file + " was made by a method that is not installed")
                .hasMessageContaining("'priors'");
        without.close();
    }

    @Test
    void featureModelCanCarryItsSourceModel() throws IOException {
        open(new FakeModelSource(Map.of(), dir));
        Files.writeString(dir.resolve("net.onnx"), "graph bytes");
        RepurposedModel r = xfer.repurpose("prototype", xfer.openModel("fake:net"), List.of("fc"), TRAIN, Map.of());
        Path file = dir.resolve("with-source.xfer");
        xfer.save(r, file, true);
        Artifact a = ArtifactReader.read(file);
        assertThat(a.sourceModelEntry()).isEqualTo("source/net.onnx");
        ArtifactReader.copySourceModel(a, dir.resolve("copy.onnx"));
        assertThat(dir.resolve("copy.onnx")).hasContent("graph bytes");
    }

    @Test
    void goldenFormatOneArtifactLoadsAndPredicts() throws URISyntaxException {
        open(new FakeModelSource(Map.of("fake:golden",
                "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")));
        Path golden = Path.of(XferTest.class.getResource("/golden/prototype-format1.xfer").toURI());
        try (RepurposedModel m = xfer.load(golden)) {
            double[][] p = m.predict(TEST, Progress.NONE).probabilities();
            // prototypes (0,0) and (2,2), temperature 2: (0,0) has squared distances 0 and 8
            assertThat(p[0][0]).isCloseTo(1 / (1 + Math.exp(-4)), within(EPS));
            assertThat(p[1][0]).isCloseTo(0.5, within(EPS));
        }
    }

    @Test
    void closingTheXferClosesItsExtractors() {
        open();
        xfer.extract(xfer.openModel("fake:net"), TRAIN, List.of("fc"));
        assertThat(extractor.open).hasValue(1);
        xfer.close();
        assertThat(extractor.open).hasValue(0);
    }
}
