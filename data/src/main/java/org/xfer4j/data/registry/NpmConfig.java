package org.xfer4j.data.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The key=value lines of the user's ~/.npmrc (or {@code NPM_CONFIG_USERCONFIG}); comments and blanks skipped. */
final class NpmConfig {

    private NpmConfig() {
    }

    static Map<String, String> user() {
        String custom = System.getenv("NPM_CONFIG_USERCONFIG");
        Path file = custom != null ? Path.of(custom) : Path.of(System.getProperty("user.home"), ".npmrc");
        Map<String, String> out = new HashMap<>();
        if (!Files.isRegularFile(file)) {
            return out;
        }
        try {
            for (String line : Files.readAllLines(file)) {
                String l = line.trim();
                int eq = l.indexOf('=');
                if (!l.isEmpty() && !l.startsWith("#") && !l.startsWith(";") && eq > 0) {
                    out.put(l.substring(0, eq).trim(), l.substring(eq + 1).trim());
                }
            }
        } catch (IOException e) {
            throw new FetchException("cannot read npm configuration " + file + ": " + e.getMessage(), e);
        }
        return out;
    }
}
