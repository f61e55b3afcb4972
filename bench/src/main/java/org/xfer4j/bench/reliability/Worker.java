package org.xfer4j.bench.reliability;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@link FuzzWorker} JVM as the parent sees it: send a case, wait at most a time limit for its reply; a worker
 * that dies (a native crash, exit status 128 and above, an hs_err file) or does not answer in time (a hang) is
 * reported as such and replaced by a fresh one.
 */
final class Worker implements AutoCloseable {

    /** How one case ended, as the worker said or as the parent saw it. */
    record Reply(int status, String outcome, String message) {
    }

    private final List<String> command;
    private final Path dir;
    private Process process;
    private Writer in;
    private BlockingQueue<String> replies;

    Worker(Path dir) {
        this.dir = dir;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        this.command = List.of(java, "-Xss8m", "-Xmx2g", "--enable-native-access=ALL-UNNAMED",
                "--sun-misc-unsafe-memory-access=allow", "-Djava.awt.headless=true",
                "-XX:ErrorFile=" + dir.resolve("hs_err_pid%p.log"),
                "-Dxfer4j.cache=" + System.getProperty("xfer4j.cache", System.getProperty("user.home")
                        + "/.cache/xfer4j"),
                "-cp", absoluteClassPath(), FuzzWorker.class.getName());
    }

    /** This JVM's class path with every entry absolute: the worker runs in the work folder. */
    private static String absoluteClassPath() {
        return java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .map(e -> Path.of(e).toAbsolutePath().toString())
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
    }

    /** Runs one case: tab-separated words, the first "cli" or "extract". */
    Reply run(List<String> words, long timeoutSeconds) throws IOException, InterruptedException {
        if (process == null || !process.isAlive()) {
            start();
        }
        in.write(String.join("\t", words) + "\n");
        in.flush();
        String line = replies.poll(timeoutSeconds, TimeUnit.SECONDS);
        if (line == null) {
            if (!process.isAlive()) {
                return died();
            }
            process.destroyForcibly().waitFor();
            process = null;
            return new Reply(-1, "hang", "no answer in " + timeoutSeconds + " s");
        }
        if (line.equals("EOF")) {
            return died();
        }
        String[] f = line.split("\t", 4);
        return new Reply(Integer.parseInt(f[1]), f[2], f.length > 3 ? f[3] : "");
    }

    private Reply died() throws InterruptedException {
        int status = process.waitFor();
        process = null;
        return new Reply(status, "crash", "worker JVM exited with status " + status);
    }

    private void start() throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                .redirectError(dir.resolve("worker-stderr.log").toFile());
        process = pb.start();
        in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        replies = queue;
        Process p = process;
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String l = out.readLine(); l != null; l = out.readLine()) {
                    int at = l.indexOf(FuzzWorker.REPLY);
                    if (at >= 0) {
                        queue.add(l.substring(at));
                    }
                }
            } catch (IOException e) {
                // the worker is gone; the EOF below says so
            }
            queue.add("EOF");
        }, "fuzz-worker-reader");
        reader.setDaemon(true);
        reader.start();
        String ready = queue.poll(300, TimeUnit.SECONDS);
        if (ready == null || !ready.endsWith("ready")) {
            throw new IllegalStateException("the fuzz worker did not start; see " + dir.resolve("worker-stderr.log"));
        }
    }

    /** The hs_err files crashed workers left in the work folder. */
    List<Path> crashLogs() throws IOException {
        List<Path> out = new ArrayList<>();
        try (var s = java.nio.file.Files.list(dir)) {
            s.filter(p -> p.getFileName().toString().startsWith("hs_err_pid")).forEach(out::add);
        }
        return out;
    }

    @Override
    public void close() {
        if (process != null) {
            process.destroyForcibly();
        }
    }
}
