package org.xfer4j.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.meta.MetaLogger;
import org.xfer4j.api.meta.MetaStep;
import org.xfer4j.api.meta.TaskLosses;

class MetaLogTest {

    @Test
    void writesStepsAndTasksAsCsvAndJsonLinesAndResumesFromACheckpointStep(@TempDir Path dir) throws Exception {
        List<Integer> passedOn = new ArrayList<>();
        MetaLog log = new MetaLog(s -> passedOn.add(s.step()));
        for (int step = 1; step <= 3; step++) {
            for (int task = 0; task < 2; task++) {
                log.onTask(new TaskLosses(step, task, 1.5, 0.5 / step, 2.0, Double.NaN));
            }
            log.onStep(new MetaStep(step, 1.0 / step, 0.2 * step));
        }
        log.write(dir);
        assertThat(passedOn).containsExactly(1, 2, 3);
        assertThat(Files.readAllLines(dir.resolve("meta-steps.csv"))).hasSize(4)
                .startsWith("step,query_loss,query_accuracy").contains("2,0.500000,0.400000");
        assertThat(Files.readAllLines(dir.resolve("meta-tasks.csv"))).hasSize(7).contains("3,1,1.50000,0.166667,2.00000,NaN");
        assertThat(Files.readAllLines(dir.resolve("meta-steps.jsonl"))).hasSize(3)
                .contains("{\"step\":1,\"query_loss\":1.00000,\"query_accuracy\":0.200000}");
        assertThat(Files.readAllLines(dir.resolve("meta-tasks.jsonl"))).hasSize(6).first().asString()
                .endsWith("\"query_loss_before\":2.00000,\"query_loss_after\":null}");

        // an interrupted run checkpointed at step 2: its step-3 rows go, the resumed learner redoes step 3
        MetaLog resumed = MetaLog.resume(dir, 2, MetaLogger.NONE);
        resumed.onTask(new TaskLosses(3, 0, 1.0, 0.25, 1.1, 0.3));
        resumed.onStep(new MetaStep(3, 0.3, 0.7));
        assertThat(resumed.steps()).extracting(MetaStep::step).containsExactly(1, 2, 3);
        assertThat(resumed.steps().get(2).queryAccuracy()).isEqualTo(0.7);
        assertThat(resumed.tasks()).hasSize(5).last().isEqualTo(new TaskLosses(3, 0, 1.0, 0.25, 1.1, 0.3));

        Files.writeString(dir.resolve("meta-steps.csv"), "step,query_loss,query_accuracy\n1,x,0.2\n");
        assertThatThrownBy(() -> MetaLog.resume(dir, 1, MetaLogger.NONE)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not a number");
    }
}
