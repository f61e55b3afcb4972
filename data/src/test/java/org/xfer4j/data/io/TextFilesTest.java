package org.xfer4j.data.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xfer4j.api.InvalidInputException;

/** Users' files are written whole, to what the user named: files replaced atomically, pipes and devices written. */
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

    @Test
    void partialFilesAreNamedRecognisablyAndThoseOfDeadWritersGoOnTheNextWrite(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("features.csv");
        TextFiles.write(file, w -> {
            try (var files = Files.list(dir)) {
                assertThat(files).singleElement().asString().matches(".*/\\.features\\.csv\\.xfer4j-partial-"
                        + ProcessHandle.current().pid() + "-\\d+");
            }
            w.write("a");
        });
        // what kill -9 leaves: partial files of a writer that is gone, beside one of a writer still running
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Process running = new ProcessBuilder("sleep", "60").start();
        try {
            Path dead = Files.write(dir.resolve(".model.xfer" + PartialFiles.MARK + gone.pid() + "-3"), new byte[4096]);
            Path live = Files.write(dir.resolve(".p.csv" + PartialFiles.MARK + running.pid() + "-1"), new byte[16]);
            Path unrelated = Files.writeString(dir.resolve(".notes.tmp"), "not ours");
            TextFiles.write(dir.resolve("other.csv"), w -> w.write("b"));
            assertThat(dead).doesNotExist();
            assertThat(live).exists();
            assertThat(unrelated).exists();
            assertThat(file).hasContent("a");
        } finally {
            running.destroyForcibly();
        }
    }

    @Test
    void aSymbolicLinkIsFollowedAndKept(@TempDir Path dir) throws IOException {
        Path target = Files.writeString(dir.resolve("real.csv"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.csv"), target.getFileName());
        TextFiles.write(link, w -> w.write("new"));
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(target).hasContent("new");
        // a dangling link: its target is created, the link kept
        Path dangling = Files.createSymbolicLink(dir.resolve("later.csv"), dir.resolve("sub/made.csv"));
        TextFiles.write(dangling, w -> w.write("made"));
        assertThat(Files.isSymbolicLink(dangling)).isTrue();
        assertThat(dir.resolve("sub/made.csv")).hasContent("made");
    }

    @Test
    void aFifoIsWrittenToNotReplaced(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("pipe");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        Path link = Files.createSymbolicLink(dir.resolve("out.csv"), fifo);
        try (ExecutorService reader = Executors.newSingleThreadExecutor()) {
            Future<String> read = reader.submit(() -> Files.readString(fifo));
            TextFiles.write(link, w -> w.write("through the pipe"));
            assertThat(read.get(30, TimeUnit.SECONDS)).isEqualTo("through the pipe");
        }
        assertThat(Files.isRegularFile(fifo)).as("still a FIFO").isFalse();
        assertThat(Files.exists(fifo)).isTrue();
        assertThat(Files.isSymbolicLink(link)).isTrue();
    }

    @Test
    void aFolderIsRefusedByName(@TempDir Path dir) throws IOException {
        Path folder = Files.createDirectory(dir.resolve("reports"));
        assertThatThrownBy(() -> TextFiles.write(folder, w -> w.write("x")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining(folder + ": it is a folder");
        Path link = Files.createSymbolicLink(dir.resolve("to-folder"), folder);
        assertThatThrownBy(() -> TextFiles.write(link, w -> w.write("x"))).isInstanceOf(InvalidInputException.class);
        try (var files = Files.list(folder)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void dashIsStandardOutputLeftOpen() throws IOException {
        PrintStream saved = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (PrintStream capture = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            TextFiles.write(Path.of(TextFiles.STDOUT), w -> w.write("a,b\r\n"));
            System.out.print("after");
        } finally {
            System.setOut(saved);
        }
        assertThat(buffer.toString(StandardCharsets.UTF_8)).isEqualTo("a,b\r\nafter");
        assertThat(Path.of(TextFiles.STDOUT)).doesNotExist();
    }

    @Test
    void ownerOnlyBytesGetOwnerOnlyPermissions(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("model.xfer");
        TextFiles.writeBytes(file, true, out -> out.write(new byte[] {1, 2, 3}));
        assertThat(Files.readAllBytes(file)).containsExactly(1, 2, 3);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }
}
