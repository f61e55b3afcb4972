package org.xfer4j.testkit;

import org.junit.jupiter.api.Assumptions;

/**
 * What a test needs from the machine (a system tool, a Debian data package) and may not find: on a developer's machine
 * a missing prerequisite skips the test with the reason, on CI ({@code CI=true}, as {@code .ci/run} sets it) it fails
 * the test, so that a check never silently stops running there. Tests that need one carry a JUnit tag naming it
 * ({@code network}, {@code debian}, {@code python}, {@code node}, {@code graphviz}), so it can be left out on purpose
 * ({@code -DexcludedGroups=...}).
 */
public final class Prerequisites {

    private Prerequisites() {
    }

    /**
     * Skips the calling test (or fails it on CI) unless {@code present}.
     *
     * @param what what is missing and how to install it, for the skip or failure message
     */
    public static void require(boolean present, String what) {
        if (present) {
            return;
        }
        if (onCi()) {
            throw new AssertionError("prerequisite missing on CI (CI=true), so the test fails instead of skipping: "
                    + what);
        }
        Assumptions.abort(what);
    }

    /** Whether the tests run on CI: the environment variable CI is "true" (or the property xfer4j.ci is). */
    public static boolean onCi() {
        return "true".equalsIgnoreCase(System.getenv("CI")) || Boolean.getBoolean("xfer4j.ci");
    }
}
