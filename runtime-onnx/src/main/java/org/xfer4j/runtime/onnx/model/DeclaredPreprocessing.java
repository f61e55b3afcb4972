package org.xfer4j.runtime.onnx.model;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.xfer4j.api.InvalidOptionException;
import org.xfer4j.api.data.DType;
import org.xfer4j.api.model.InputSpec;
import org.xfer4j.api.model.Pooling;
import org.xfer4j.runtime.onnx.image.ImagePreprocessor;
import org.xfer4j.runtime.onnx.image.ImageSpec;
import org.xfer4j.runtime.onnx.text.TokenizerPreprocessor;

/**
 * Turns a {@link PreprocessingDeclaration} and what the graph tells (its inputs: which is the image, its layout,
 * channels, fixed height and width; or its token inputs) into the model's preprocessor and pooling. What the graph
 * cannot tell must be declared: for images the normalisation (mean and std, or a preset) and a size the graph leaves
 * open; for text the tokenizer when no {@code tokenizer.json} lies beside the model. Nothing declared at all keeps
 * the model usable with tensor samples, and an image or text sample then fails naming what is missing; a declaration
 * that is incomplete fails at once. The complete declaration is kept with the model, so an artifact reopens it the
 * same way.
 */
final class DeclaredPreprocessing {

    private DeclaredPreprocessing() {
    }

    /**
     * {@code model} preparing samples as {@code declaration} and the graph say; {@code beside}: a tokenizer.json
     * found beside the model, or null.
     */
    static OnnxSourceModel apply(OnnxSourceModel model, PreprocessingDeclaration declaration, Path beside) {
        boolean text = model.inputs().stream().anyMatch(i -> i.name().equals("input_ids"));
        if (text || declaration.declaresAny(PreprocessingDeclaration.TEXT_KEYS)) {
            return text(model, declaration, beside);
        }
        List<InputSpec> images = model.inputs().stream()
                .filter(i -> i.dtype() == DType.FLOAT32 && i.shape().size() == 4).toList();
        if (images.isEmpty()) {
            if (!declaration.isEmpty()) {
                throw new InvalidOptionException("model " + model.name() + " has no image (float32, rank 4) or token "
                        + "input to declare preprocessing for (from " + declaration.origin(first(declaration))
                        + "); its inputs: " + describe(model.inputs()));
            }
            return model;
        }
        return image(model, declaration, images);
    }

    private static String first(PreprocessingDeclaration d) {
        return Stream.concat(Stream.concat(PreprocessingDeclaration.IMAGE_KEYS.stream(),
                PreprocessingDeclaration.TEXT_KEYS.stream()), PreprocessingDeclaration.COMMON_KEYS.stream())
                .filter(k -> d.get(k) != null).findFirst().orElse("");
    }

    private static OnnxSourceModel text(OnnxSourceModel model, PreprocessingDeclaration d, Path beside) {
        List<String> keys = new ArrayList<>(PreprocessingDeclaration.TEXT_KEYS);
        keys.addAll(PreprocessingDeclaration.COMMON_KEYS);
        d.requireOnly(keys, "text model " + model.name());
        Path tokenizer = d.get("tokenizer") != null ? Path.of(d.get("tokenizer")).toAbsolutePath() : beside;
        int maxLength = d.get("maxLength") == null ? TokenizerPreprocessor.DEFAULT_MAX_LENGTH
                : integer(d, "maxLength");
        boolean mask = model.inputs().stream().anyMatch(i -> i.name().equals(OnnxSourceModel.ATTENTION_MASK));
        Pooling pooling = d.get("pooling") == null ? model.pooling() : switch (d.get("pooling")) {
            case "first-token" -> new Pooling(Pooling.Sequence.FIRST_TOKEN, Pooling.Spatial.MEAN,
                    mask ? OnnxSourceModel.ATTENTION_MASK : null);
            case "mean" -> {
                if (!mask) {
                    throw new InvalidOptionException("pooling=mean (from " + d.origin("pooling") + ") averages the "
                            + "tokens an attention_mask input marks; model " + model.name() + " has none: use "
                            + "first-token or flatten");
                }
                yield new Pooling(Pooling.Sequence.MASKED_MEAN, Pooling.Spatial.MEAN, OnnxSourceModel.ATTENTION_MASK);
            }
            case "flatten" -> new Pooling(Pooling.Sequence.FLATTEN, Pooling.Spatial.FLATTEN, null);
            default -> throw new InvalidOptionException("pooling=" + d.get("pooling") + " (from " + d.origin("pooling")
                    + "): a text model pools by first-token, mean or flatten");
        };
        if (tokenizer == null) {
            String missing = "model " + model.name() + " reads token ids " + describe(model.inputs()) + " but has no "
                    + "tokenizer: put tokenizer.json beside " + model.onnxFile() + " or declare tokenizer=PATH with "
                    + "--preprocess or in " + PreprocessingDeclaration.sidecar(model.onnxFile()).getFileName();
            if (d.declaresAny(PreprocessingDeclaration.TEXT_KEYS) || d.get("pooling") != null) {
                throw new InvalidOptionException(missing);
            }
            return model.withPreprocessor(new TensorsPreprocessor(model.name(), model.inputs(), missing));
        }
        if (!Files.isRegularFile(tokenizer)) {
            throw new InvalidOptionException("tokenizer " + tokenizer + " (from " + d.origin("tokenizer")
                    + ") does not exist");
        }
        Map<String, String> resolved = new LinkedHashMap<>();
        resolved.put("tokenizer", tokenizer.toString());
        resolved.put("maxLength", Integer.toString(maxLength));
        resolved.put("pooling", pooling.sequence() == Pooling.Sequence.FIRST_TOKEN ? "first-token"
                : pooling.sequence() == Pooling.Sequence.MASKED_MEAN ? "mean" : "flatten");
        return model.withPreprocessor(TokenizerPreprocessor.load(tokenizer, model.inputs(), maxLength))
                .withPooling(pooling).withPreprocessing(resolved);
    }

    private static OnnxSourceModel image(OnnxSourceModel model, PreprocessingDeclaration d, List<InputSpec> images) {
        List<String> keys = new ArrayList<>(PreprocessingDeclaration.IMAGE_KEYS);
        keys.addAll(PreprocessingDeclaration.COMMON_KEYS);
        d.requireOnly(keys, "image model " + model.name());
        List<String> missing = new ArrayList<>();
        InputSpec input = images.size() == 1 && d.get("input") == null ? images.getFirst() : null;
        if (d.get("input") != null) {
            input = images.stream().filter(i -> i.name().equals(d.get("input"))).findFirst()
                    .orElseThrow(() -> new InvalidOptionException("input=" + d.get("input") + " (from "
                            + d.origin("input") + "): model " + model.name() + " has no float32 rank-4 input of that "
                            + "name; its inputs: " + describe(model.inputs())));
        }
        if (input == null) {
            missing.add("input (one of " + images.stream().map(InputSpec::name).toList() + ")");
        }
        List<Long> dims = input == null ? List.of(-1L, -1L, -1L, -1L) : input.shape();
        String layout = d.get("layout") != null ? lower(d.get("layout")) : inferLayout(dims);
        if (layout == null) {
            missing.add("layout (nchw or nhwc: the graph's " + dims + " does not tell)");
        } else if (!layout.equals("nchw") && !layout.equals("nhwc")) {
            throw bad(d, "layout", "nchw or nhwc");
        }
        boolean last = "nhwc".equals(layout);
        long c = dims.get(last ? 3 : 1);
        long h = dims.get(last ? 1 : 2);
        long w = dims.get(last ? 2 : 3);
        String channels = d.get("channels") != null ? lower(d.get("channels"))
                : c == 1 ? "grey" : c == 3 ? "rgb" : null;
        if (channels == null) {
            missing.add("channels (rgb, bgr or grey: the graph's channel dimension is " + c + ")");
        } else if (!List.of("rgb", "bgr", "grey").contains(channels)) {
            throw bad(d, "channels", "rgb, bgr or grey");
        } else if (c > 0 && (c == 1) != channels.equals("grey")) {
            throw new InvalidOptionException("channels=" + channels + " (from " + d.origin("channels") + ") but the "
                    + "graph's input " + (input == null ? "" : input.name()) + " has " + c + " channel(s)");
        }
        int height = size(d, "height", h, missing);
        int width = size(d, "width", w, missing);
        Normalisation n = Normalisation.of(d, channels == null || channels.equals("grey") ? 1 : 3, missing);
        if (!missing.isEmpty()) {
            String message = "model " + model.name() + " cannot prepare images until its preprocessing declares "
                    + String.join(", ", missing) + "; declare it with --preprocess key=value,... or in "
                    + PreprocessingDeclaration.sidecar(model.onnxFile()).getFileName() + " beside " + model.onnxFile()
                    + " (read from the graph: " + (input == null ? "no single image input" : "input " + input.name()
                    + " " + dims) + (layout == null ? "" : ", layout " + layout) + ")";
            if (!d.isEmpty()) {
                throw new InvalidOptionException(message);
            }
            return model.withPreprocessor(new TensorsPreprocessor(model.name(), model.inputs(), message));
        }
        String resize = d.get("resize") != null ? lower(d.get("resize")) : d.get("resizeShorter") != null ? "crop"
                : "stretch";
        if (!resize.equals("stretch") && !resize.equals("crop")) {
            throw bad(d, "resize", "stretch (the whole image to the size) or crop (the shorter side to resizeShorter, "
                    + "then the centre)");
        }
        int shorter = resize.equals("crop") ? d.get("resizeShorter") == null ? Math.min(height, width)
                : integer(d, "resizeShorter") : 0;
        String sampling = d.get("sampling") != null ? lower(d.get("sampling")) : "half-pixel";
        if (!sampling.equals("half-pixel") && !sampling.equals("align-corners")) {
            throw bad(d, "sampling", "half-pixel (PyTorch, PIL) or align-corners (TF.js)");
        }
        String pool = d.get("pooling") != null ? lower(d.get("pooling")) : "mean";
        Pooling pooling = switch (pool) {
            case "mean" -> Pooling.IMAGE;
            case "flatten" -> new Pooling(Pooling.Sequence.FLATTEN, Pooling.Spatial.FLATTEN, null);
            default -> throw bad(d, "pooling", "mean (over space) or flatten for an image model");
        };
        ImageSpec spec;
        try {
            spec = new ImageSpec(width, height, channels.equals("grey") ? 1 : 3, shorter,
                    sampling.equals("align-corners"), channels.equals("bgr"), n.scale(), n.mean(), n.std());
        } catch (InvalidOptionException e) {
            throw new InvalidOptionException("preprocessing of " + model.name() + ": " + e.getMessage());
        }
        Map<String, String> resolved = new LinkedHashMap<>();
        resolved.put("input", input.name());
        resolved.put("layout", layout);
        resolved.put("channels", channels);
        resolved.put("height", Integer.toString(height));
        resolved.put("width", Integer.toString(width));
        resolved.put("resize", resize);
        if (shorter > 0) {
            resolved.put("resizeShorter", Integer.toString(shorter));
        }
        resolved.put("sampling", sampling);
        resolved.put("scale", Float.toString(n.scale()));
        resolved.put("mean", PreprocessingDeclaration.floats(n.mean()));
        resolved.put("std", PreprocessingDeclaration.floats(n.std()));
        resolved.put("pooling", pool);
        return model.withPreprocessor(new ImagePreprocessor(input.name(), spec, 1, last)).withPooling(pooling)
                .withPreprocessing(resolved);
    }

    /** NCHW when the second dimension holds 1 or 3 channels and the last does not; NHWC the other way round. */
    private static String inferLayout(List<Long> dims) {
        boolean first = dims.get(1) == 1 || dims.get(1) == 3;
        boolean last = dims.get(3) == 1 || dims.get(3) == 3;
        return first == last ? null : first ? "nchw" : "nhwc";
    }

    private static int size(PreprocessingDeclaration d, String key, long fromGraph, List<String> missing) {
        String declared = d.get(key) != null ? d.get(key) : d.get("size");
        String origin = d.get(key) != null ? key : "size";
        if (declared == null) {
            if (fromGraph > 0) {
                return (int) fromGraph;
            }
            missing.add(key + " (the graph leaves it open)");
            return 1;
        }
        int v = integer(d, origin);
        if (fromGraph > 0 && v != fromGraph) {
            throw new InvalidOptionException(origin + "=" + declared + " (from " + d.origin(origin) + ") but the graph "
                    + "fixes the image " + key + " at " + fromGraph);
        }
        return v;
    }

    private static int integer(PreprocessingDeclaration d, String key) {
        try {
            int v = Integer.parseInt(d.get(key));
            if (v > 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw bad(d, key, "a positive whole number");
    }

    static InvalidOptionException bad(PreprocessingDeclaration d, String key, String expected) {
        return new InvalidOptionException(key + "=" + d.get(key) + " (from " + d.origin(key) + "): expected "
                + expected);
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    private static String describe(List<InputSpec> inputs) {
        return inputs.stream().map(i -> i.name() + " " + i.dtype() + " " + i.shape()).toList().toString();
    }

    /** Pixel values as {@code (pixel * scale - mean) / std}, from a preset or declared numbers. */
    private record Normalisation(float scale, float[] mean, float[] std) {

        static Normalisation of(PreprocessingDeclaration d, int channels, List<String> missing) {
            float scale = 1f / 255;
            float[] mean = null;
            float[] std = null;
            String preset = d.get("preset");
            if (preset != null) {
                switch (lower(preset)) {
                    case "imagenet" -> {
                        mean = channels == 3 ? new float[] {0.485f, 0.456f, 0.406f} : new float[] {0.449f};
                        std = channels == 3 ? new float[] {0.229f, 0.224f, 0.225f} : new float[] {0.226f};
                    }
                    case "unit" -> {
                        mean = filled(channels, 0);
                        std = filled(channels, 1);
                    }
                    case "symmetric" -> {
                        mean = filled(channels, 0.5f);
                        std = filled(channels, 0.5f);
                    }
                    case "raw" -> {
                        scale = 1;
                        mean = filled(channels, 0);
                        std = filled(channels, 1);
                    }
                    default -> throw bad(d, "preset", "imagenet, unit ([0, 1]), symmetric ([-1, 1]) or raw (0-255)");
                }
            }
            if (d.get("scale") != null) {
                scale = number(d, "scale", d.get("scale"));
            }
            if (d.get("mean") != null) {
                mean = perChannel(d, "mean", channels);
            }
            if (d.get("std") != null) {
                std = perChannel(d, "std", channels);
            }
            if (mean == null || std == null) {
                missing.add((mean == null ? "mean" : "") + (mean == null && std == null ? " and " : "")
                        + (std == null ? "std" : "") + " (or preset=imagenet|unit|symmetric|raw)");
            }
            return new Normalisation(scale, mean == null ? filled(channels, 0) : mean,
                    std == null ? filled(channels, 1) : std);
        }

        private static float[] filled(int n, float v) {
            float[] a = new float[n];
            java.util.Arrays.fill(a, v);
            return a;
        }

        private static float[] perChannel(PreprocessingDeclaration d, String key, int channels) {
            String[] parts = d.get(key).split(",");
            if (parts.length != 1 && parts.length != channels) {
                throw bad(d, key, "one number, or one per channel (" + channels + ")");
            }
            float[] v = new float[channels];
            for (int i = 0; i < channels; i++) {
                v[i] = number(d, key, parts[parts.length == 1 ? 0 : i]);
            }
            return v;
        }

        /** A finite number, or a fraction such as 1/255. */
        private static float number(PreprocessingDeclaration d, String key, String text) {
            try {
                String t = text.strip();
                int slash = t.indexOf('/');
                float v = slash > 0 ? Float.parseFloat(t.substring(0, slash)) / Float.parseFloat(t.substring(slash + 1))
                        : Float.parseFloat(t);
                if (Float.isFinite(v)) {
                    return v;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw bad(d, key, "numbers such as 0.5 or 1/255");
        }
    }
}
