package org.xfer4j.core.registry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.xfer4j.api.Provider;

/** Builds real plugin jars at test time: compiles provider sources against the api with javac and zips the classes. */
final class PluginJars {

    private PluginJars() {
    }

    /** The api's jar or classes folder, as the host loaded it. */
    static Path apiLocation() {
        try {
            return Path.of(Provider.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Compiles {@code sources} (path to text; a module-info.java makes it a modular jar) against the api into
     * {@code jar}, adding {@code resources} (path to text) such as META-INF/services files; sources and classes go
     * to a new folder under {@code workDir}.
     */
    static Path build(Path workDir, Path jar, Map<String, String> sources, Map<String, String> resources)
            throws IOException {
        Path work = Files.createTempDirectory(workDir, "plugin");
        Path src = work.resolve("src");
        Path classes = work.resolve("classes");
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-proc:none", "-Xlint:-options"));
        boolean modular = sources.containsKey("module-info.java");
        args.addAll(List.of(modular ? "--module-path" : "--class-path", apiLocation().toString()));
        for (var e : sources.entrySet()) {
            Path f = src.resolve(e.getKey());
            Files.createDirectories(f.getParent());
            Files.writeString(f, e.getValue());
            args.add(f.toString());
        }
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
        int status = ToolProvider.findFirst("javac").orElseThrow().run(out, out, args.toArray(String[]::new));
        if (status != 0) {
            throw new IllegalStateException("javac failed: " + log.toString(StandardCharsets.UTF_8));
        }
        for (var e : resources.entrySet()) {
            Path f = classes.resolve(e.getKey());
            Files.createDirectories(f.getParent());
            Files.writeString(f, e.getValue());
        }
        zip(classes, jar);
        return jar;
    }

    /** Zips the files under {@code root} into {@code target}. */
    static void zip(Path root, Path target) throws IOException {
        try (OutputStream os = Files.newOutputStream(target); ZipOutputStream zip = new ZipOutputStream(os);
             Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                zip.putNextEntry(new ZipEntry(root.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, zip);
                zip.closeEntry();
            }
        }
    }

    /** Source of a repurposer provider class {@code pkg.name} with {@code id}, SPI {@code spi} and extra members. */
    static String repurposer(String pkg, String name, String id, String spi, String members) {
        return """
                package %1$s;

                import java.util.Map;
                import org.xfer4j.api.Options;
                import org.xfer4j.api.SpiVersion;
                import org.xfer4j.api.repurpose.RepurposerProvider;

                public class %2$s implements RepurposerProvider {
                    %5$s
                    public String id() { return "%3$s"; }
                    public String description() { return "test method %3$s"; }
                    public SpiVersion spiVersion() { return SpiVersion.parse("%4$s"); }
                    public Options defaultOptions() { return Map::of; }
                    public Options parseOptions(Map<String, String> properties) { return defaultOptions(); }
                }
                """.formatted(pkg, name, id, spi, members);
    }
}
