package org.xfer4j.data.registry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** Runs a registry client (npm, mvn) and turns a failure into an error that shows what it printed. */
final class Commands {

    private Commands() {
    }

    static String run(List<String> command, Path workDir, String what) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new FetchException("cannot " + what + ": '" + command.getFirst() + "' is not installed or not on PATH", e);
        }
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int rc = p.waitFor();
            if (rc != 0) {
                String tail = out.length() > 2000 ? out.substring(out.length() - 2000) : out;
                throw new FetchException("cannot " + what + ": " + String.join(" ", command) + " exited with " + rc
                        + ":\n" + tail);
            }
            return out;
        } catch (IOException e) {
            throw new FetchException("cannot " + what + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new FetchException("interrupted while trying to " + what, e);
        }
    }
}
