package org.xfer4j.bench.reliability;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.xfer4j.api.XferException;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.feature.FeatureMatrix;
import org.xfer4j.api.model.SourceModel;
import org.xfer4j.cli.Main;
import org.xfer4j.core.Xfer;

/**
 * Runs fuzz cases sent by {@link Fuzz} one per line on standard input, in this JVM, and answers each with one line
 * starting {@value #REPLY}: the exit status and how the case ended. {@code cli ARGS...} runs the command line
 * in-process (Main.run, the code bin/xfer4j runs); {@code extract ONNX OUT CACHE} opens an ONNX file as a source model
 * and extracts its default layer for eight real images as tensors (Fashion-MNIST, tiled to the PaddleOCR
 * classifier's 3x48x192 input), writing the features to OUT. A native crash or a hang ends or stalls this JVM; the
 * parent sees that.
 */
public final class FuzzWorker {

    /** What starts every reply, so that anything else a native library prints is told apart. */
    static final String REPLY = "@@fuzz@@";

    private FuzzWorker() {
    }

    public static void main(String[] args) throws IOException {
        PrintStream protocol = System.out;
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        Dataset images = PaddleInputs.images(Path.of(System.getProperty("xfer4j.cache",
                System.getProperty("user.home") + "/.cache/xfer4j")));
        protocol.println(REPLY + "\tready");
        protocol.flush();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String[] cmd = line.split("\t");
            ByteArrayOutputStream captured = new ByteArrayOutputStream();
            PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
            PrintStream out = System.out;
            PrintStream err = System.err;
            System.setOut(capture);
            System.setErr(capture);
            String reply;
            try {
                reply = switch (cmd[0]) {
                    case "cli" -> cli(Arrays.copyOfRange(cmd, 1, cmd.length), captured);
                    case "extract" -> extract(Path.of(cmd[1]), Path.of(cmd[2]), Path.of(cmd[3]), images);
                    default -> "1\tunclear\tunknown command " + cmd[0];
                };
            } catch (XferException e) {
                reply = "1\tclear\t" + oneLine(e.getMessage());
            } catch (Throwable e) { // what the case did wrong is the finding, whatever it is
                reply = "1\tunclear\t" + oneLine(e.toString());
            } finally {
                System.setOut(out);
                System.setErr(err);
            }
            protocol.println(REPLY + "\t" + reply);
            protocol.flush();
        }
    }

    /** Runs the command line; a status of 1 or 2 with an "error:" line and no stack trace is a clear error. */
    private static String cli(String[] args, ByteArrayOutputStream captured) {
        int status = Main.run(args);
        String text = captured.toString(StandardCharsets.UTF_8);
        if (status == 0) {
            return "0\tok\t";
        }
        boolean trace = text.contains("\tat ") || text.contains("Exception in");
        String error = text.lines().filter(l -> l.startsWith("error:") || l.startsWith("Missing")
                || l.startsWith("Unknown") || l.startsWith("Invalid value")).findFirst().orElse(null);
        return status + "\t" + (error != null && !trace ? "clear" : "unclear") + "\t"
                + oneLine(error != null ? error : text);
    }

    /** Opens {@code onnx} and extracts its default layer for the images; features must come out finite. */
    private static String extract(Path onnx, Path out, Path cache, Dataset images) throws IOException {
        try (Xfer xfer = Xfer.builder().optCacheDir(cache).build(); SourceModel m = xfer.openModel(onnx.toString())) {
            FeatureMatrix f = xfer.extract(m, images, List.of(m.defaultFeatureLayer()));
            for (float v : f.values()) {
                if (!Float.isFinite(v)) {
                    return "0\tnonfinite\tfeatures hold " + v;
                }
            }
            StringBuilder sb = new StringBuilder();
            for (float v : f.values()) {
                sb.append(v).append('\n');
            }
            Files.writeString(out, sb);
            return "0\tok\t" + f.rows() + "x" + f.columns();
        }
    }

    private static String oneLine(String s) {
        String t = s == null ? "" : s.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
        return t.length() > 300 ? t.substring(0, 300) + "..." : t;
    }
}
