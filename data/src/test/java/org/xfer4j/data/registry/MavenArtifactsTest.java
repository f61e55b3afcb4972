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
}
