package org.xfer4j.core.fakes;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.model.ModelSource;
import org.xfer4j.api.model.SourceModel;

/**
 * Opens "fake:NAME" references as {@link FakeModel}s with layers "conv" and "fc" and file NAME.onnx in
 * {@code onnxDir}; a model's SHA-256 is that of its reference text unless {@code hashes} says otherwise (to imitate a
 * model file that changed).
 */
public record FakeModelSource(Map<String, String> hashes, Path onnxDir) implements ModelSource {

    /** Models with the SHA-256 of their reference, whose stand-in ONNX files would live in the working folder. */
    public FakeModelSource() {
        this(Map.of(), Path.of("."));
    }

    /** Models with the given hashes by reference. */
    public FakeModelSource(Map<String, String> hashes) {
        this(hashes, Path.of("."));
    }

    @Override
    public String id() {
        return "fake";
    }

    @Override
    public String description() {
        return "models without graphs, for tests";
    }

    @Override
    public boolean accepts(String reference) {
        return reference.startsWith("fake:");
    }

    @Override
    public SourceModel open(String reference, ProviderContext context) {
        return new FakeModel(reference, hashes.getOrDefault(reference, sha256(reference)), List.of("conv", "fc"),
                onnxDir.resolve(reference.substring("fake:".length()) + ".onnx"));
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
