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
     * The jar of {@code coordinates} ("group:artifact:version"), fetched when absent unless {@link Fetching} refuses.
     *
     * @throws FetchException naming the coordinates when they are invalid, or the jar is neither present nor fetchable
     */
    public Path resolve(String coordinates) {
        MavenCoordinates c = MavenCoordinates.parse(coordinates);
        Path jar = c.jarIn(localRepository);
        if (Files.isRegularFile(jar)) {
            return jar;
        }
        Fetching.before("Maven artifact " + c + " (from Maven Central into " + localRepository + ")");
        Commands.run(List.of("mvn", "-q", "-B", "dependency:get", "-Dartifact=" + c, "-Dtransitive=false",
                "-Dmaven.repo.local=" + localRepository), Path.of("."), "fetch Maven artifact " + c);
        if (!Files.isRegularFile(jar)) {
            throw new FetchException("Maven fetched " + c + " but " + jar + " is missing");
        }
        return jar;
    }
}
