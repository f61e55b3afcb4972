package org.xfer4j.evaluation.study;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.xfer4j.api.SpiVersion;
import org.xfer4j.api.repurpose.RepurposerProvider;
import org.xfer4j.core.artifact.HostInfo;
import org.xfer4j.core.registry.Registry;
import org.xfer4j.data.io.TextFiles;

/**
 * Where a study's results came from: the study file (copied as study.yaml, and its SHA-256), the Xfer4j, SPI, Java
 * and OS versions, and every method's provider with its version and origin; written as provenance.json on each
 * (re)start, the earlier starts kept in its history.
 */
final class StudyProvenance {

    private StudyProvenance() {
    }

    static void write(Path dir, StudyDefinition study, Registry registry) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("study", study.name());
        p.put("studyFileSha256", sha256(study.source()));
        p.put("started", Instant.now().toString());
        p.put("xfer4j", HostInfo.xfer4jVersion());
        p.put("spi", SpiVersion.CURRENT.toString());
        p.put("jvm", HostInfo.jvm());
        p.put("os", HostInfo.os());
        Map<String, Object> methods = new LinkedHashMap<>();
        for (StudyDefinition.MethodEntry m : study.methods()) {
            RepurposerProvider provider = registry.repurposer(m.method());
            methods.put(m.label(), Map.of("provider", provider.id(), "version", provider.version(),
                    "origin", registry.origin(provider), "options", m.options()));
        }
        p.put("methods", methods);
        StringBuilder sb = new StringBuilder();
        Json.value(sb, p);
        try {
            TextFiles.write(dir.resolve("study.yaml"), w -> w.write(study.source()));
            TextFiles.write(dir.resolve("provenance.json"), w -> w.write(sb + "\n"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the study's provenance to " + dir, e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
