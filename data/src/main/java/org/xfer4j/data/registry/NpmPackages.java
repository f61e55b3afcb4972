package org.xfer4j.data.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * npm packages (name@version) fetched from the npm registry in-process (its tarball checked against the published
 * sha512 integrity hash) and unpacked once into {@code <cache>/npm}. No npm installation is needed.
 */
public final class NpmPackages {

    /** npm's grammar for names (an optional @scope/, no leading dot or underscore) and an exact semantic version. */
    private static final Pattern SPEC = Pattern.compile("(@[a-z0-9~-][a-z0-9._~-]*/)?[a-z0-9~-][a-z0-9._~-]*"
            + "@[0-9]+\\.[0-9]+\\.[0-9]+(-[0-9A-Za-z.-]+)?(\\+[0-9A-Za-z.-]+)?");
    private static final int MAX_NAME = 214;

    private final Path root;
    private final java.util.function.Supplier<NpmRegistry> registry;

    /** Packages cached below {@code cacheDir/npm}, fetched from the registry npm's configuration names. */
    public NpmPackages(Path cacheDir) {
        this(cacheDir, NpmRegistry::configured);
    }

    NpmPackages(Path cacheDir, java.util.function.Supplier<NpmRegistry> registry) {
        this.root = cacheDir.resolve("npm");
        this.registry = registry;
    }

    /**
     * The unpacked package folder (the one holding package.json) of an exact {@code name@version}.
     *
     * @throws FetchException naming the package when the registry lacks it or its tarball fails the hash check
     */
    public Path fetch(String spec) {
        if (!SPEC.matcher(spec).matches() || spec.lastIndexOf('@') > MAX_NAME) {
            throw new FetchException("npm package must be named as name@exact.version, got '" + spec + "'");
        }
        Path target = CacheDirs.inside(root, spec.replace('/', '+'));
        try {
            CacheDirs.ensure(target, dir -> {
                Fetching.before("npm package " + spec + " (from the npm registry into " + target + ")");
                int at = spec.lastIndexOf('@');
                Path tgz = dir.resolve("package.tgz");
                registry.get().download(spec.substring(0, at), spec.substring(at + 1), tgz);
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
