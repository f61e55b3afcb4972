package org.xfer4j.testkit;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/** A missing prerequisite skips a test on a developer's machine and fails it on CI. */
class PrerequisitesTest {

    @AfterEach
    void leaveCi() {
        System.clearProperty("xfer4j.ci");
    }

    @Test
    void aPresentPrerequisiteLetsTheTestRun() {
        assertThatCode(() -> Prerequisites.require(true, "dot")).doesNotThrowAnyException();
    }

    @Test
    void aMissingOneSkipsOffCiAndFailsOnCi() {
        if (Prerequisites.onCi()) {
            assertThatThrownBy(() -> Prerequisites.require(false, "dot is not installed"))
                    .isInstanceOf(AssertionError.class).hasMessageContaining("dot is not installed");
            return;
        }
        assertThatThrownBy(() -> Prerequisites.require(false, "dot is not installed"))
                .isInstanceOf(TestAbortedException.class).hasMessage("dot is not installed");
        System.setProperty("xfer4j.ci", "true");
        assertThatThrownBy(() -> Prerequisites.require(false, "dot is not installed"))
                .isInstanceOf(AssertionError.class).isNotInstanceOf(TestAbortedException.class)
                .hasMessage("prerequisite missing on CI (CI=true), so the test fails instead of skipping: dot is not "
                        + "installed");
    }
}
