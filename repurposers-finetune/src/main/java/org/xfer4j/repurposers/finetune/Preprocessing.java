package org.xfer4j.repurposers.finetune;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.data.DType;
import org.xfer4j.api.model.InputSpec;
import org.xfer4j.api.model.Preprocessor;
import org.xfer4j.runtime.onnx.image.ImagePreprocessor;
import org.xfer4j.runtime.onnx.image.ImageSpec;
import org.xfer4j.runtime.onnx.model.TensorsPreprocessor;
import org.xfer4j.runtime.onnx.text.TokenizerPreprocessor;
import org.xfer4j.api.repurpose.PayloadReader;
import org.xfer4j.api.repurpose.PayloadWriter;

/**
 * The source model's preprocessing as one line of text, so a saved fine-tuned model prepares samples the same way
 * without its source: {@code image|input|width|height|channels|resizeShorter|alignCorners|bgr|scale|means|stds}
 * (then {@code |nhwc} for channels-last inputs), {@code tensors|input|dims}, or {@code text|maxLength|inputs} with
 * the tokenizer.json saved beside it ({@value #TOKENIZER}).
 */
final class Preprocessing {

    /** The payload entry holding a text model's tokenizer.json. */
    static final String TOKENIZER = "tokenizer.json";

    private Preprocessing() {
    }

    /** Writes what the description leaves out (a tokenizer) into {@code payload}. */
    static void save(Preprocessor p, PayloadWriter payload) {
        if (p instanceof TokenizerPreprocessor t) {
            payload.putBytes(TOKENIZER, t.json());
        }
    }

    static String describe(Preprocessor p, String input, long[] exampleShape) {
        if (p instanceof ImagePreprocessor ip) {
            ImageSpec s = ip.spec();
            return String.join("|", "image", input, Integer.toString(s.width()), Integer.toString(s.height()),
                    Integer.toString(s.channels()), Integer.toString(s.resizeShorter()),
                    Boolean.toString(s.alignCorners()), Boolean.toString(s.bgr()), Float.toString(s.scale()),
                    floats(s.mean()), floats(s.std())) + (ip.channelsLast() ? "|nhwc" : "");
        }
        if (p instanceof TokenizerPreprocessor t) {
            return "text|" + t.maxLength() + "|" + String.join(",", t.inputNames());
        }
        if (p instanceof TensorsPreprocessor) {
            return "tensors|" + input + "|" + String.join(",", Arrays.stream(exampleShape)
                    .mapToObj(Long::toString).toList());
        }
        throw new InvalidInputException("fine-tuned models can be saved for image, text and tensor sources; this "
                + "source prepares samples with " + p.getClass().getSimpleName());
    }

    static Preprocessor restore(String text, String model, PayloadReader payload) {
        String[] f = text.split("\\|");
        try {
            return switch (f[0]) {
                case "image" -> new ImagePreprocessor(f[1], new ImageSpec(Integer.parseInt(f[2]),
                        Integer.parseInt(f[3]), Integer.parseInt(f[4]), Integer.parseInt(f[5]),
                        Boolean.parseBoolean(f[6]), Boolean.parseBoolean(f[7]), Float.parseFloat(f[8]),
                        parseFloats(f[9]), parseFloats(f[10])), 1, f.length > 11 && f[11].equals("nhwc"));
                case "tensors" -> {
                    List<Long> shape = new ArrayList<>(List.of(-1L));
                    Arrays.stream(f[2].split(",")).map(Long::parseLong).forEach(shape::add);
                    yield new TensorsPreprocessor(model, List.of(new InputSpec(f[1], DType.FLOAT32, shape)));
                }
                case "text" -> TokenizerPreprocessor.fromJson(payload.getBytes(TOKENIZER), List.of(f[2].split(",")),
                        Integer.parseInt(f[1]), model + " payload " + TOKENIZER);
                default -> throw new InvalidInputException("unknown preprocessing '" + text + "' in " + model);
            };
        } catch (RuntimeException e) {
            if (e instanceof InvalidInputException i) {
                throw i;
            }
            throw new InvalidInputException("corrupt preprocessing '" + text + "' in " + model, e);
        }
    }

    private static String floats(float[] v) {
        List<String> s = new ArrayList<>();
        for (float x : v) {
            s.add(Float.toString(x));
        }
        return String.join(",", s);
    }

    private static float[] parseFloats(String csv) {
        String[] p = csv.split(",");
        float[] v = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            v[i] = Float.parseFloat(p[i]);
        }
        return v;
    }
}
