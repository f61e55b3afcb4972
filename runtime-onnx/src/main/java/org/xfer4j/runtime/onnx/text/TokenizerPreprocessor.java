package org.xfer4j.runtime.onnx.text;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.InvalidOptionException;
import org.xfer4j.api.data.DType;
import org.xfer4j.api.data.Sample;
import org.xfer4j.api.data.Tensor;
import org.xfer4j.api.model.InputSpec;
import org.xfer4j.api.model.Preprocessor;

/**
 * Tokenises text samples with a model's Hugging Face {@code tokenizer.json} (through DJL's native tokenizers):
 * special tokens added, truncated to a maximum length, padded to the longest text of each batch, and handed to the
 * graph as int64 {@code input_ids}, {@code attention_mask} and {@code token_type_ids} of shape [batch, tokens]
 * (those of them the graph declares). A long text is cut at a word boundary before tokenising, where the cut keeps
 * more than the maximum length in tokens, so a 10 MB row costs what its first words cost and gives the same tokens.
 */
public final class TokenizerPreprocessor implements Preprocessor, AutoCloseable {

    /** Tokens per text unless told otherwise; longer texts are truncated. */
    public static final int DEFAULT_MAX_LENGTH = 128;

    /** Characters per token up to which a text is tokenised whole: English averages about four. */
    private static final int CHARS_PER_TOKEN = 16;

    private static final Map<String, Function<Encoding, long[]>> FIELDS = Map.of(
            "input_ids", Encoding::getIds,
            "attention_mask", Encoding::getAttentionMask,
            "token_type_ids", Encoding::getTypeIds);

    private final HuggingFaceTokenizer tokenizer;
    private final byte[] json;
    private final List<String> inputNames;
    private final int maxLength;
    private final String tokenizerSha256;
    private final Path file;
    private final AtomicBoolean closed = new AtomicBoolean();

    private TokenizerPreprocessor(HuggingFaceTokenizer tokenizer, byte[] json, List<String> inputNames,
            int maxLength, String tokenizerSha256, Path file) {
        this.file = file;
        this.tokenizer = tokenizer;
        this.json = json;
        this.inputNames = inputNames;
        this.maxLength = maxLength;
        this.tokenizerSha256 = tokenizerSha256;
    }

    /** Tokens per text at most. */
    public int maxLength() {
        return maxLength;
    }

    /** The tokenizer file's SHA-256, the inputs it fills and the maximum length. */
    @Override
    public Map<String, String> describe() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("kind", "tokenizer");
        d.put("tokenizer.sha256", tokenizerSha256);
        d.put("inputs", String.join(",", inputNames));
        d.put("maxLength", Integer.toString(maxLength));
        d.put("cut", "word-boundary/" + CHARS_PER_TOKEN);
        return d;
    }

    /** A preprocessor for a graph with {@code inputs}, truncating to {@value #DEFAULT_MAX_LENGTH} tokens. */
    public static TokenizerPreprocessor load(Path tokenizerJson, List<InputSpec> inputs) {
        return load(tokenizerJson, inputs, DEFAULT_MAX_LENGTH);
    }

    /**
     * A preprocessor for a graph with {@code inputs}, truncating to {@code maxLength} tokens.
     *
     * @throws InvalidInputException when the graph has an input a tokenizer cannot fill, or the file is unreadable
     */
    public static TokenizerPreprocessor load(Path tokenizerJson, List<InputSpec> inputs, int maxLength) {
        InvalidOptionException.require(maxLength >= 2, "maxLength must be >= 2, got " + maxLength);
        List<String> names = new ArrayList<>();
        for (InputSpec in : inputs) {
            if (!FIELDS.containsKey(in.name()) || in.dtype() != DType.INT64) {
                throw new InvalidInputException("a tokenizer fills int64 inputs " + FIELDS.keySet() + "; the graph also"
                        + " has " + in.dtype() + " input '" + in.name() + "'");
            }
            names.add(in.name());
        }
        byte[] json;
        try {
            json = Files.readAllBytes(tokenizerJson);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read tokenizer " + tokenizerJson + ": " + e.getMessage(), e);
        }
        return create(json, names, maxLength, tokenizerJson.toString(), tokenizerJson);
    }

    /**
     * A preprocessor from the text of a {@code tokenizer.json} (as saved with a fine-tuned model) filling
     * {@code inputNames}, truncating to {@code maxLength} tokens.
     *
     * @param origin where the text came from, for messages
     */
    public static TokenizerPreprocessor fromJson(byte[] json, List<String> inputNames, int maxLength, String origin) {
        return create(json, inputNames, maxLength, origin, null);
    }

    private String origin() {
        return file != null ? file.toString() : "tokenizer.json";
    }

    private static TokenizerPreprocessor create(byte[] json, List<String> inputNames, int maxLength, String origin,
            Path file) {
        InvalidOptionException.require(maxLength >= 2, "maxLength must be >= 2, got " + maxLength);
        for (String name : inputNames) {
            if (!FIELDS.containsKey(name)) {
                throw new InvalidInputException("a tokenizer fills inputs " + FIELDS.keySet() + ", not '" + name + "'");
            }
        }
        Map<String, String> options = Map.of("padding", "true", "truncation", "true",
                "maxLength", Integer.toString(maxLength), "addSpecialTokens", "true");
        try {
            String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(json));
            HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(json), options);
            return new TokenizerPreprocessor(tokenizer, json.clone(), List.copyOf(inputNames), maxLength, sha, file);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException("cannot read tokenizer " + origin + ": " + e.getMessage(), e);
        }
    }

    /** The same tokenizer truncating to {@code newMaxLength} tokens (a new native tokenizer; close both). */
    public TokenizerPreprocessor withMaxLength(int newMaxLength) {
        return create(json, inputNames, newMaxLength, origin(), file);
    }

    /** The text of the tokenizer.json this preprocessor reads (a copy). */
    public byte[] json() {
        return json.clone();
    }

    /** The tokenizer.json it reads, or null where it was made from the file's text (a saved fine-tuned model). */
    public Path file() {
        return file;
    }

    /** The graph inputs it fills, in order. */
    public List<String> inputNames() {
        return inputNames;
    }

    @Override
    public Map<String, Tensor> prepare(List<Sample> batch) {
        List<String> texts = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            if (!(batch.get(i) instanceof Sample.Text(String text))) {
                throw new InvalidInputException("example " + i + " of the batch is " + batch.get(i).getClass()
                        .getSimpleName() + ", but this model reads text");
            }
            texts.add(tokenisedPart(text));
        }
        Encoding[] encodings = tokenizer.batchEncode(texts);
        int n = encodings.length;
        int length = n == 0 ? 0 : encodings[0].getIds().length;
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (String name : inputNames) {
            long[] values = new long[n * length];
            for (int i = 0; i < n; i++) {
                System.arraycopy(FIELDS.get(name).apply(encodings[i]), 0, values, i * length, length);
            }
            out.put(name, Tensor.ofLongs(values, n, length));
        }
        return out;
    }

    /**
     * The part of {@code text} worth tokenising: the whole text when it is short, else the shortest prefix ending at
     * a word boundary (trying 16, 64, 256... characters per token of the maximum length) whose tokens already exceed
     * the maximum length. Words before the cut tokenise as in the whole text, so the truncated tokens are the same.
     */
    String tokenisedPart(String text) {
        for (long limit = (long) maxLength * CHARS_PER_TOKEN; limit < text.length(); limit *= 4) {
            String prefix = text.substring(0, wordBoundary(text, (int) limit));
            if (tokenizer.encode(prefix).exceedMaxLength()) {
                return prefix;
            }
        }
        return text;
    }

    /** The last index at or before {@code limit} that starts a whitespace run; {@code limit} if the window has none. */
    private static int wordBoundary(String text, int limit) {
        for (int i = limit; i > limit / 2; i--) {
            if (Character.isWhitespace(text.charAt(i)) && !Character.isWhitespace(text.charAt(i - 1))) {
                return i;
            }
        }
        return Character.isLowSurrogate(text.charAt(limit)) ? limit - 1 : limit;
    }

    /** Releases the native tokenizer; later calls do nothing. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            tokenizer.close();
        }
    }
}
