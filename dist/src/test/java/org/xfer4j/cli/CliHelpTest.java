package org.xfer4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.xfer4j.core.artifact.HostInfo;
import picocli.CommandLine;

/** Every command answers --help and -V without doing anything else; `methods` lists what the README says. */
class CliHelpTest {

    record Run(int exit, String out, String err) {
    }

    static Run cli(String... args) {
        PrintStream savedOut = System.out;
        PrintStream savedErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setOut(o);
            System.setErr(e);
            int exit = Main.run(args);
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(savedOut);
            System.setErr(savedErr);
        }
    }

    @Test
    void everyCommandAnswersHelpWithItsUsageEvenWithoutItsRequiredOptions() {
        List<String> commands = new ArrayList<>(new CommandLine(new Main()).getSubcommands().keySet());
        commands.remove("help");
        assertThat(commands).contains("models", "plugins", "layers", "extract", "repurpose", "predict", "rank",
                "methods", "quickstart", "study", "meta-train", "meta-test");
        for (String c : commands) {
            Run r = cli(c, "--help");
            assertThat(r.exit()).as(c + " --help exit").isZero();
            assertThat(r.out()).as(c + " --help").startsWith("Usage: xfer4j " + c);
            // a description with an unescaped % makes picocli warn and print it raw
            assertThat(r.err()).as(c + " --help errors").isEmpty();
        }
        assertThat(cli("repurpose", "--help").out()).contains("xfer4j methods");
    }

    @Test
    void theVersionIsTheOneArtifactsRecord() {
        Run r = cli("-V");
        assertThat(r.exit()).isZero();
        assertThat(HostInfo.xfer4jVersion()).isNotEqualTo("unversioned");
        assertThat(r.out().strip()).isEqualTo("xfer4j " + HostInfo.xfer4jVersion());
        assertThat(cli("models", "-V").out().strip()).isEqualTo("xfer4j " + HostInfo.xfer4jVersion());
    }

    @Test
    void methodsExplainsEveryKeyAndTheReadmeListsExactlyTheKeysEachMethodHas() throws IOException {
        Run r = cli("methods", "--cache", System.getProperty("xfer4j.cache"));
        assertThat(r.exit()).isZero();
        Map<String, Set<String>> code = new LinkedHashMap<>();
        String method = null;
        Pattern option = Pattern.compile("  -o ([^=]+)=\\S*\\s+(.*)");
        for (String line : r.out().lines().toList()) {
            if (line.startsWith("  -o ")) {
                Matcher m = option.matcher(line);
                assertThat(m.matches()).as("every option of %s says what it means: %s", method, line).isTrue();
                code.get(method).add(m.group(1));
            } else {
                method = line.substring(0, line.indexOf(' '));
                code.put(method, new LinkedHashSet<>());
            }
        }
        assertThat(code).containsKeys("lr", "svm", "gp", "finetune", "random-freeze", "scratch", "prototype");
        assertThat(code.get("finetune")).contains("headLr", "optimizer", "schedule", "validation");

        assertThat(readmeOptions()).isEqualTo(code);
    }

    /** The README's "Method options" list: method id, then the keys in backquotes outside parentheses. */
    private static Map<String, Set<String>> readmeOptions() throws IOException {
        String readme = Files.readString(Path.of(System.getProperty("user.dir")).getParent().resolve("README.md"));
        int start = readme.indexOf("\n- ", readme.indexOf("Method options (`-o key=value`"));
        String block = readme.substring(start + 1, readme.indexOf("\n\n", start));
        Map<String, Set<String>> listed = new LinkedHashMap<>();
        Pattern quoted = Pattern.compile("`([^`]+)`");
        for (String item : block.split("\n- ")) {
            String text = item.replaceFirst("^- ", "").replace('\n', ' ').replaceAll("\\([^()]*\\)", "");
            Matcher m = quoted.matcher(text);
            m.find();
            Set<String> keys = new LinkedHashSet<>();
            listed.put(m.group(1), keys);
            while (m.find()) {
                keys.add(m.group(1).split("=")[0]);
            }
        }
        return listed;
    }
}
