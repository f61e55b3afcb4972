package org.xfer4j.core.tuning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GridProposerTest {

    /** Proposes until the grid is done, observing {@code loss} at each point; returns the points. */
    private static List<double[]> run(GridProposer grid, java.util.function.ToDoubleFunction<double[]> loss) {
        List<Proposer.Observation> history = new ArrayList<>();
        List<double[]> points = new ArrayList<>();
        for (double[] u = grid.next(history); u != null; u = grid.next(history)) {
            points.add(u);
            history.add(new Proposer.Observation(u, loss.applyAsDouble(u)));
        }
        return points;
    }

    @Test
    void evenPointsPerCoordinateLastFastest() {
        GridProposer grid = new GridProposer(2, 10); // 3 x 3 fits in 10
        List<double[]> points = run(grid, u -> -u[1]); // falling along each line: nothing skipped
        assertThat(grid.size()).isEqualTo(9);
        assertThat(points).hasSize(9);
        assertThat(points.get(0)).containsExactly(0, 0);
        assertThat(points.get(1)).containsExactly(0, 0.5);
        assertThat(points.get(3)).containsExactly(0.5, 0);
        assertThat(points.get(8)).containsExactly(1, 1);
    }

    @Test
    void aLineStopsAfterTwoPointsWorseThanItsBest() {
        // a minimum at 2/6 of the way: points 0..4 are seen (4 and 5 rise), 5 and 6 are skipped
        List<double[]> points = run(new GridProposer(1, 7), u -> Math.abs(u[0] - 2.0 / 6));
        assertThat(points).hasSize(5);
        assertThat(points.get(4)[0]).isEqualTo(4.0 / 6);
        // the next line starts afresh
        List<double[]> two = run(new GridProposer(2, 16), u -> Math.abs(u[1]));
        assertThat(two).hasSize(4 * 3);
    }
}
