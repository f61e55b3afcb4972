package org.xfer4j.data.registry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Maven artifacts (groupId:artifactId:version, jar) found in the local Maven repository, fetched there with the
 * Maven client when absent.
 */
public final class MavenArtifacts {

    private final Path localRepository;

    /** Uses {@code -Dmaven.repo.local}, else ~/.m2/repository. */
    public MavenArtifacts() {
        this(defaultRepository());
    }

    /** Uses the given local repository folder. */
    public MavenArtifacts(Path localRepository) {
        this.localRepository = localRepository;
    }

    /** The local repository this instance reads. */
    public static Path defaultRepository() {
        String p = System.getProperty("maven.repo.local");
        return p != null ? Path.of(p) : Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    /**
     * The jar of {@code coordinates} ("group:artifact:version").
     *
     * @throws FetchException naming the coordinates when it is neither present nor fetchable
     */
    public Path resolve(String coordinates) {
        String[] c = coordinates.split(":");
        if (c.length != 3 || c[0].isBlank() || c[1].isBlank() || c[2].isBlank()) {
            throw new FetchException("Maven coordinates must be group:artifact:version, got '" + coordinates + "'");
        }
        Path jar = localRepository.resolve(c[0].replace('.', '/')).resolve(c[1]).resolve(c[2])
                .resolve(c[1] + "-" + c[2] + ".jar");
        if (Files.isRegularFile(jar)) {
            return jar;
        }
        Commands.run(List.of("mvn", "-q", "-B", "dependency:get", "-Dartifact=" + coordinates, "-Dtransitive=false",
                "-Dmaven.repo.local=" + localRepository), Path.of("."), "fetch Maven artifact " + coordinates);
        if (!Files.isRegularFile(jar)) {
            throw new FetchException("Maven fetched " + coordinates + " but " + jar + " is missing");
        }
        return jar;
    }
}
