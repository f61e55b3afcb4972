package org.xfer4j.data.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextFilesTest {

    @Test
    void writesTheWholeTextWithTheOrdinaryPermissionsOfNewFiles(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("sub/table.csv");
        TextFiles.write(file, w -> w.write("text,label\ncafé,a\n"));
        assertThat(file).hasContent("text,label\ncafé,a");
        Path ordinary = Files.createFile(dir.resolve("ordinary"));
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(Files.getPosixFilePermissions(ordinary));
    }

    @Test
    void aFailureLeavesTheEarlierFileAndNoTemporaryFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("report.html");
        Files.writeString(file, "earlier");
        assertThatThrownBy(() -> TextFiles.write(file, w -> {
            w.write("half");
            throw new IOException("disk full");
        })).hasMessage("disk full");
        assertThat(file).hasContent("earlier");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }
}
