package org.xfer4j.spark;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.spark.SparkContext;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.XferException;

/**
 * Ships files from the driver to the executors through Spark's file server under names made of their content hash:
 * each executor fetches a file once and keeps it for the job, and a changed file gets a new name instead of being
 * confused with the old one.
 */
final class Shipping {

    private Shipping() {
    }

    /**
     * Ships {@code file} as {@code <sha256>-<suffix>} and returns that name (for {@code SparkFiles.get}).
     *
     * @throws InvalidInputException naming the file when it cannot be read
     */
    static String ship(SparkContext spark, Path file, String sha256, String suffix) {
        String name = sha256 + "-" + suffix;
        boolean shipped = spark.listFiles().exists(uri -> uri.endsWith("/" + name));
        if (shipped) {
            return name;
        }
        Path staged = staging().resolve(name);
        try {
            if (!Files.isRegularFile(staged)) {
                Path tmp = Files.createTempFile(staging(), name, ".tmp");
                Files.copy(file, tmp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(tmp, staged, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new InvalidInputException("cannot ship " + file + " to the executors: " + e.getMessage(), e);
        }
        spark.addFile(staged.toString());
        return name;
    }

    /**
     * The SHA-256 of {@code file}, hex.
     *
     * @throws InvalidInputException naming the file when it cannot be read
     */
    static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** The driver's folder of staged files, one per content hash. */
    private static Path staging() {
        try {
            return Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "xfer4j-spark"));
        } catch (IOException e) {
            throw new XferException("cannot create the staging folder for shipped files: " + e.getMessage(), e);
        }
    }
}
