package org.xfer4j.runtime.onnx.model;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.xfer4j.api.InvalidOptionException;
import org.xfer4j.api.model.Pooling;
import org.xfer4j.api.model.SourceModel;
import org.xfer4j.runtime.onnx.image.ImagePreprocessor;
import org.xfer4j.runtime.onnx.image.ImageSpec;
import org.xfer4j.runtime.onnx.text.TokenizerPreprocessor;

/**
 * The preprocessing a user declares for an .onnx file, gathered from three places, the first that has a key winning:
 * the command line ({@code --preprocess key=value,...}, or the map given to {@code Xfer.openModel}), a file
 * {@code NAME.preprocess.properties} beside {@code NAME.onnx}, and the model's own metadata_props
 * ({@code xfer4j.preprocess.KEY}, and ONNX's {@code Image.BitmapPixelFormat} / {@code Image.NominalPixelRange}).
 * Each key remembers where it came from, so an error names the file or option at fault.
 */
public final class PreprocessingDeclaration {

    /** The ending of the file beside a model that declares its preprocessing. */
    public static final String SIDECAR_SUFFIX = ".preprocess.properties";
    /** The prefix of metadata_props keys that declare preprocessing inside the .onnx file. */
    public static final String METADATA_PREFIX = "xfer4j.preprocess.";

    /** Keys for image inputs. */
    static final List<String> IMAGE_KEYS = List.of("input", "layout", "channels", "size", "height", "width",
            "resize", "resizeShorter", "sampling", "scale", "mean", "std", "preset");
    /** Keys for text (token) inputs. */
    static final List<String> TEXT_KEYS = List.of("tokenizer", "maxLength");
    /** Keys for any model. */
    static final List<String> COMMON_KEYS = List.of("pooling");

    private final Map<String, String> values;
    private final Map<String, String> origins;

    private PreprocessingDeclaration(Map<String, String> values, Map<String, String> origins) {
        this.values = values;
        this.origins = origins;
    }

    /**
     * The declaration for {@code onnxFile}: {@code declared} over its sidecar file over {@code metadata}.
     *
     * @throws InvalidOptionException naming the key and where it came from for a key no declaration has
     */
    public static PreprocessingDeclaration gather(Path onnxFile, Map<String, String> metadata,
                                                  Map<String, String> declared) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> origins = new LinkedHashMap<>();
        Path folder = onnxFile.toAbsolutePath().getParent();
        String inModel = onnxFile + " (metadata_props)";
        fromStandardMetadata(metadata, values, origins, inModel);
        metadata.forEach((k, v) -> {
            if (k.startsWith(METADATA_PREFIX)) {
                put(values, origins, k.substring(METADATA_PREFIX.length()), v, inModel, folder);
            }
        });
        Path sidecar = sidecar(onnxFile);
        if (Files.isRegularFile(sidecar)) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(sidecar, StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + sidecar, e);
            } catch (IllegalArgumentException e) {
                throw new InvalidOptionException(sidecar + " is not a valid properties file: " + e.getMessage());
            }
            for (String k : new TreeSet<>(p.stringPropertyNames())) {
                put(values, origins, k, p.getProperty(k), sidecar.toString(), folder);
            }
        }
        declared.forEach((k, v) -> put(values, origins, k, v, "--preprocess", null));
        return new PreprocessingDeclaration(values, origins);
    }

    /**
     * How {@code model} prepares samples, written out as the complete set of keys a declaration takes (the tokenizer
     * path aside, which depends on where the tokenizer will lie): declared for the same graph, they make an .onnx
     * file prepare samples exactly as {@code model} does, whatever source (zoo name, Maven pack, imported format)
     * opened it.
     */
    public static Map<String, String> keysOf(SourceModel model) {
        Map<String, String> d = new LinkedHashMap<>();
        Pooling pooling = model.pooling();
        switch (model.preprocessor()) {
            case TokenizerPreprocessor t -> {
                d.put("maxLength", Integer.toString(t.maxLength()));
                d.put("pooling", switch (pooling.sequence()) {
                    case FIRST_TOKEN -> "first-token";
                    case MASKED_MEAN -> "mean";
                    default -> "flatten";
                });
            }
            case ImagePreprocessor i -> {
                ImageSpec s = i.spec();
                d.put("input", i.describe().get("input"));
                d.put("layout", i.channelsLast() ? "nhwc" : "nchw");
                d.put("channels", s.channels() == 1 ? "grey" : s.bgr() ? "bgr" : "rgb");
                d.put("height", Integer.toString(s.height()));
                d.put("width", Integer.toString(s.width()));
                d.put("resize", s.resizeShorter() > 0 ? "crop" : "stretch");
                if (s.resizeShorter() > 0) {
                    d.put("resizeShorter", Integer.toString(s.resizeShorter()));
                }
                d.put("sampling", s.alignCorners() ? "align-corners" : "half-pixel");
                d.put("scale", Float.toString(s.scale())); // Float.toString reads back to the same float
                d.put("mean", floats(s.mean()));
                d.put("std", floats(s.std()));
                d.put("pooling", pooling.spatial() == Pooling.Spatial.FLATTEN ? "flatten" : "mean");
            }
            default -> d.putAll(model.preprocessing());
        }
        return d;
    }

    /** The values comma-separated, as declarations write lists of numbers. */
    static String floats(float[] v) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < v.length; i++) {
            s.append(i == 0 ? "" : ",").append(v[i]);
        }
        return s.toString();
    }

    /** {@code NAME.preprocess.properties} beside {@code NAME.onnx}. */
    public static Path sidecar(Path onnxFile) {
        String f = onnxFile.getFileName().toString();
        String name = f.toLowerCase(java.util.Locale.ROOT).endsWith(".onnx") ? f.substring(0, f.length() - 5) : f;
        return onnxFile.resolveSibling(name + SIDECAR_SUFFIX);
    }

    /**
     * Parses {@code key=value,key=value}; a part without {@code =} continues the value before it, so lists read
     * naturally: {@code mean=0.5,0.5,0.5,std=0.5,0.5,0.5}.
     *
     * @throws InvalidOptionException when the text does not start with a key=value pair or names a key twice
     */
    public static Map<String, String> parse(List<String> options) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String option : options) {
            String key = null;
            for (String part : option.split(",")) {
                int eq = part.indexOf('=');
                if (eq > 0) {
                    key = part.substring(0, eq).strip();
                    if (out.containsKey(key)) {
                        throw new InvalidOptionException("--preprocess names " + key + " twice");
                    }
                    out.put(key, part.substring(eq + 1).strip());
                } else if (key == null) {
                    throw new InvalidOptionException("--preprocess " + option + ": expected key=value pairs such as "
                            + "mean=0.5,0.5,0.5,std=0.5,0.5,0.5,height=48,width=192");
                } else {
                    out.put(key, out.get(key) + "," + part.strip());
                }
            }
        }
        return out;
    }

    /** The declared value of {@code key}, or null. */
    String get(String key) {
        return values.get(key);
    }

    /** Whether any of {@code keys} is declared. */
    boolean declaresAny(List<String> keys) {
        return keys.stream().anyMatch(values::containsKey);
    }

    /** Whether nothing is declared. */
    boolean isEmpty() {
        return values.isEmpty();
    }

    /** Where {@code key} was declared, for messages. */
    String origin(String key) {
        return origins.getOrDefault(key, "the declaration");
    }

    /**
     * Fails naming the key and its origin when a key is not among {@code allowed}.
     *
     * @throws InvalidOptionException for the first key not allowed
     */
    void requireOnly(List<String> allowed, String what) {
        for (String k : values.keySet()) {
            if (!allowed.contains(k)) {
                Set<String> known = new TreeSet<>(allowed);
                throw new InvalidOptionException("unknown preprocessing key '" + k + "' (from " + origin(k) + ") for "
                        + what + "; keys: " + known);
            }
        }
    }

    private static void put(Map<String, String> values, Map<String, String> origins, String key, String value,
                            String origin, Path folder) {
        String v = value.strip();
        if (key.equals("tokenizer") && folder != null && !Path.of(v).isAbsolute()) {
            v = folder.resolve(v).toString(); // a file's relative path is relative to the file, not the working folder
        }
        values.put(key, v);
        origins.put(key, origin);
    }

    /** ONNX's standard image metadata (MetadataProps.md): pixel format and nominal range. */
    private static void fromStandardMetadata(Map<String, String> metadata, Map<String, String> values,
                                             Map<String, String> origins, String origin) {
        String format = metadata.get("Image.BitmapPixelFormat");
        if (format != null) {
            String channels = switch (format) {
                case "Gray8" -> "grey";
                case "Rgb8", "Rgba8" -> "rgb";
                case "Bgr8", "Bgra8" -> "bgr";
                default -> null;
            };
            if (channels != null) {
                put(values, origins, "channels", channels, origin, null);
            }
        }
        String range = metadata.get("Image.NominalPixelRange");
        if (range != null) {
            String preset = switch (range) {
                case "NominalRange_0_255" -> "raw";
                case "Normalized_0_1" -> "unit";
                case "Normalized_1_1" -> "symmetric";
                default -> null;
            };
            if (preset != null) {
                put(values, origins, "preset", preset, origin, null);
            }
        }
    }
}
