package org.xfer4j.meta.learners;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xfer4j.api.InvalidOptionException;
import org.xfer4j.api.data.Tensor;
import org.xfer4j.api.meta.Parameters;
import org.xfer4j.meta.MetaLearners;

/** maml's clipNorm: each task's outer gradient shortened to the limit before the tasks are averaged. */
class MamlClipNormTest {

    private static Flat vector(float a, float b) {
        return Flat.of(new Parameters(Map.of("w", Tensor.ofFloats(new float[] {a, b}, 2))));
    }

    private static Outcome withGradient(Flat g) {
        return new Outcome(g, new float[] {1, 0}, 1, 0, null, g, List.of(), List.of(), null);
    }

    @Test
    void longTaskGradientsAreShortenedBeforeTheMean() {
        Flat theta = vector(0, 0);
        List<Outcome> tasks = List.of(withGradient(vector(30, 40)), withGradient(vector(0.6f, 0.8f)));
        // the first task's gradient (norm 50) becomes (6, 8); the second (norm 1) stays
        assertThat(Rules.maml(false, 10).direction(theta, tasks).values[0])
                .containsExactly(new float[] {3.3f, 4.4f}, within(1e-5f));
        assertThat(Rules.maml(false, 0).direction(theta, tasks).values[0])
                .containsExactly(new float[] {15.3f, 20.4f}, within(1e-4f));
        assertThat(Rules.maml(false).direction(theta, tasks).values[0])
                .containsExactly(new float[] {15.3f, 20.4f}, within(1e-4f));
    }

    @Test
    void clipNormIsAnOptionOfMamlAndANegativeOneIsRefusedByName() {
        assertThat(MetaLearners.byId("maml").parseOptions(Map.of()).toProperties()).containsEntry("clipNorm", "0.0");
        assertThat(MetaLearners.byId("maml").parseOptions(Map.of("clipNorm", "10")).toProperties())
                .containsEntry("clipNorm", "10.0");
        assertThatThrownBy(() -> MetaLearners.byId("maml").parseOptions(Map.of("clipNorm", "-1")))
                .isInstanceOf(InvalidOptionException.class).hasMessageContaining("clipNorm=-1");
    }
}
