package org.xfer4j.data.registry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.eclipse.aether.supplier.SessionBuilderSupplier;
import org.eclipse.aether.util.repository.AuthenticationBuilder;
import org.eclipse.aether.util.repository.DefaultMirrorSelector;
import org.eclipse.aether.util.repository.DefaultProxySelector;

/**
 * Maven artifacts (groupId:artifactId:version, jar) found in the local Maven repository, fetched there from Maven
 * Central in-process by Maven Resolver (the library Maven itself uses) when absent, through the mirrors and proxies
 * of ~/.m2/settings.xml. No Maven installation is needed.
 */
public final class MavenArtifacts {

    /** Maven Central, as Maven names it (mirrors match this id). */
    static final String CENTRAL_URL = "https://repo.maven.apache.org/maven2/";

    private final Path givenRepository;
    private final MavenSettings givenSettings;

    /**
     * Uses {@code -Dmaven.repo.local}, else settings.xml's localRepository, else ~/.m2/repository; the settings are
     * read on the first {@link #resolve}, so a broken settings file fails a fetch, not the host's start.
     */
    public MavenArtifacts() {
        this(null, null);
    }

    /** Uses the given local repository folder. */
    public MavenArtifacts(Path localRepository) {
        this(localRepository, null);
    }

    /** Uses {@code localRepository} (null: the default) and {@code settings} (null: the user's). */
    MavenArtifacts(Path localRepository, MavenSettings settings) {
        this.givenRepository = localRepository;
        this.givenSettings = settings;
    }

    /** The local repository Maven would use. */
    public static Path defaultRepository() {
        String p = System.getProperty("maven.repo.local");
        if (p != null) {
            return Path.of(p);
        }
        String fromSettings = MavenSettings.user().localRepository();
        return fromSettings != null ? Path.of(fromSettings.replace("${user.home}", System.getProperty("user.home")))
                : Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    /**
     * The jar of {@code coordinates} ("group:artifact:version"), fetched when absent unless {@link Fetching} refuses.
     *
     * @throws FetchException naming the coordinates when they are invalid, or the jar is neither present nor fetchable
     */
    public Path resolve(String coordinates) {
        MavenCoordinates c = MavenCoordinates.parse(coordinates);
        Path localRepository = givenRepository != null ? givenRepository : defaultRepository();
        Path jar = c.jarIn(localRepository);
        if (Files.isRegularFile(jar)) {
            return jar;
        }
        Fetching.before("Maven artifact " + c + " (from Maven Central into " + localRepository + ")");
        MavenSettings settings = givenSettings != null ? givenSettings : MavenSettings.user();
        RepositorySystem system = new JarResolverSupplier().get();
        try (RepositorySystemSession.CloseableSession session = new SessionBuilderSupplier(system).get()
                .withLocalRepositoryBaseDirectories(localRepository)
                .setMirrorSelector(mirrors(settings)).setProxySelector(proxies(settings))
                .setSystemProperties(System.getProperties())
                .build()) {
            RemoteRepository central = new RemoteRepository.Builder("central", "default", CENTRAL_URL).build();
            ArtifactRequest request = new ArtifactRequest(new DefaultArtifact(c.group(), c.artifact(), "jar",
                    c.version()), system.newResolutionRepositories(session, List.of(central)), null);
            system.resolveArtifact(session, request);
        } catch (ArtifactResolutionException e) {
            throw new FetchException("cannot fetch Maven artifact " + c + ": " + e.getMessage(), e);
        } finally {
            system.shutdown();
        }
        if (!Files.isRegularFile(jar)) {
            throw new FetchException("Maven Resolver fetched " + c + " but " + jar + " is missing");
        }
        return jar;
    }

    private static DefaultMirrorSelector mirrors(MavenSettings settings) {
        DefaultMirrorSelector s = new DefaultMirrorSelector();
        for (MavenSettings.Mirror m : settings.mirrors()) {
            s.add(m.id(), m.url(), "default", false, false, m.mirrorOf(), "*");
        }
        return s;
    }

    private static DefaultProxySelector proxies(MavenSettings settings) {
        DefaultProxySelector s = new DefaultProxySelector();
        for (MavenSettings.Proxy p : settings.proxies()) {
            AuthenticationBuilder auth = new AuthenticationBuilder();
            if (p.username() != null) {
                auth.addUsername(p.username()).addPassword(p.password());
            }
            s.add(new org.eclipse.aether.repository.Proxy(p.protocol(), p.host(), p.port(), auth.build()),
                    p.nonProxyHosts());
        }
        return s;
    }
}
