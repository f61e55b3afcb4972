package org.xfer4j.meta.learners;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xfer4j.api.data.Tensor;
import org.xfer4j.api.meta.Parameters;

/**
 * Leap's update on a two-step path worked out by hand: theta_0 = (0, 0), theta_1 = (1, 0), theta_2 = (1, 2), losses
 * f = (3, 1, 2), gradients g_0 = (1, 1), g_1 = (0, 2).
 * Step 1: dtheta = (1, 0), df = -2, n = sqrt(4 + 1) = sqrt 5: G -= ((1, 0) - 2 (1, 1)) / sqrt 5, so G = (1, 2) / sqrt 5.
 * Step 2: dtheta = (0, 2), df = +1 flipped to -1, n = sqrt 5: G -= ((0, 2) - (0, 2)) / sqrt 5, which adds nothing.
 */
class LeapRuleTest {

    private static final double ROOT5 = Math.sqrt(5);

    private static Flat vector(float a, float b) {
        return Flat.of(new Parameters(Map.of("w", Tensor.ofFloats(new float[] {a, b}, 2))));
    }

    private static Outcome path() {
        List<Flat> trajectory = List.of(vector(0, 0), vector(1, 0), vector(1, 2));
        return new Outcome(trajectory.getLast(), new float[] {3, 1, 2}, Double.NaN, Double.NaN, null, null,
                trajectory, List.of(vector(1, 1), vector(0, 2)), null);
    }

    private static float[] direction(LeapNorm norm, boolean lossTerm) {
        return new LeapRule(norm, lossTerm).direction(vector(0, 0), List.of(path(), path())).values[0];
    }

    @Test
    void pathLengthWithTheLossTerm() {
        assertThat(direction(LeapNorm.LENGTH, true)).containsExactly(new float[] {(float) (1 / ROOT5),
                (float) (2 / ROOT5)}, within(1e-6f));
    }

    @Test
    void energyLeavesStepsUnweighted() {
        assertThat(direction(LeapNorm.ENERGY, true)).containsExactly(new float[] {1, 2}, within(1e-6f));
    }

    @Test
    void withoutTheLossTermOnlyTheParameterStepsCount() {
        // -( (1, 0) + (0, 2) ) / sqrt 5
        assertThat(direction(LeapNorm.LENGTH, false)).containsExactly(new float[] {(float) (-1 / ROOT5),
                (float) (-2 / ROOT5)}, within(1e-6f));
    }
}
