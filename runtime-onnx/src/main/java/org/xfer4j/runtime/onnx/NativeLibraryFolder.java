package org.xfer4j.runtime.onnx;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The temporary folder ONNX Runtime's Java binding extracts its native libraries into. It asks the JVM to delete the
 * folder and its files on exit, but the folder comes first in that order and is not empty yet, so every run left an
 * empty {@code onnxruntime-java*} folder in the system temp directory. Once the libraries are loaded their files are
 * no longer needed (POSIX keeps a loaded file's content until it is unmapped), so Xfer4j removes the folder then.
 */
final class NativeLibraryFolder {

    private NativeLibraryFolder() {
    }

    /** The folder this JVM's ONNX Runtime extracted into, if the binding still keeps it where 1.29 does. */
    static Optional<Path> find() {
        try {
            Field f = Class.forName("ai.onnxruntime.OnnxRuntime").getDeclaredField("tempDirectory");
            f.setAccessible(true);
            return Optional.ofNullable((Path) f.get(null));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return Optional.empty(); // another binding version: its folder is its own business
        }
    }

    /** Deletes the extracted libraries and their folder; where the system refuses (a loaded file on Windows), keeps them. */
    static void remove() {
        find().ifPresent(dir -> {
            try {
                try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
                    for (Path file : files) {
                        if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                            Files.deleteIfExists(file);
                        }
                    }
                }
                Files.deleteIfExists(dir);
            } catch (IOException e) {
                // left for the binding's own delete-on-exit
            }
        });
    }
}
