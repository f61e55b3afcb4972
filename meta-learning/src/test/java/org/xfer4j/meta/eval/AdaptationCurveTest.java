package org.xfer4j.meta.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.xfer4j.api.InvalidOptionException;
import org.xfer4j.api.Progress;
import org.xfer4j.api.XferException;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.data.InMemoryDataset;
import org.xfer4j.api.data.Sample;
import org.xfer4j.api.data.Tensor;
import org.xfer4j.api.meta.DifferentiableModel;
import org.xfer4j.api.meta.LossAndGradient;
import org.xfer4j.api.meta.Parameters;
import org.xfer4j.api.meta.Task;
import org.xfer4j.api.repurpose.Predictions;

/** The adaptation curve and joint training on a linear softmax classifier written out in Java. */
class AdaptationCurveTest {

    private static final int FEATURES = 2;

    /** Softmax regression: parameters w [classes, 2] and b [classes]. */
    private record Linear(int classes) implements DifferentiableModel {

        @Override
        public Parameters initialParameters() {
            return new Parameters(Map.of("w", Tensor.ofFloats(new float[classes * FEATURES], classes, FEATURES),
                    "b", Tensor.ofFloats(new float[classes], classes)));
        }

        private double[][] probabilities(Parameters p, Dataset data) {
            float[] w = p.tensors().get("w").floats();
            float[] b = p.tensors().get("b").floats();
            double[][] out = new double[data.size()][classes];
            for (int i = 0; i < data.size(); i++) {
                float[] x = ((Sample.Tensors) data.sample(i)).inputs().get("x").floats();
                double max = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < classes; c++) {
                    out[i][c] = b[c] + w[c * FEATURES] * x[0] + w[c * FEATURES + 1] * x[1];
                    max = Math.max(max, out[i][c]);
                }
                double sum = 0;
                for (int c = 0; c < classes; c++) {
                    out[i][c] = Math.exp(out[i][c] - max);
                    sum += out[i][c];
                }
                for (int c = 0; c < classes; c++) {
                    out[i][c] /= sum;
                }
            }
            return out;
        }

        @Override
        public LossAndGradient lossAndGradient(Parameters p, Dataset batch) {
            double[][] prob = probabilities(p, batch);
            float[] gw = new float[classes * FEATURES];
            float[] gb = new float[classes];
            double loss = 0;
            for (int i = 0; i < batch.size(); i++) {
                float[] x = ((Sample.Tensors) batch.sample(i)).inputs().get("x").floats();
                loss -= Math.log(prob[i][batch.label(i)]) / batch.size();
                for (int c = 0; c < classes; c++) {
                    double d = (prob[i][c] - (c == batch.label(i) ? 1 : 0)) / batch.size();
                    gw[c * FEATURES] += (float) (d * x[0]);
                    gw[c * FEATURES + 1] += (float) (d * x[1]);
                    gb[c] += (float) d;
                }
            }
            return new LossAndGradient(loss, new Parameters(Map.of("w", Tensor.ofFloats(gw, classes, FEATURES),
                    "b", Tensor.ofFloats(gb, classes))));
        }

        @Override
        public Predictions predict(Parameters p, Dataset data) {
            return new Predictions(data.classes(), probabilities(p, data));
        }

        @Override
        public void close() {
        }
    }

    /** Two classes on either side of a line through the origin at {@code angle}. */
    private static Dataset halfPlanes(double angle, int n, Random rng) {
        List<Sample> samples = new ArrayList<>();
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            float x = (float) rng.nextGaussian();
            float y = (float) rng.nextGaussian();
            labels[i] = Math.sin(angle) * x - Math.cos(angle) * y > 0 ? 1 : 0;
            samples.add(new Sample.Tensors(Map.of("x", Tensor.ofFloats(new float[] {x, y}, FEATURES))));
        }
        return new InMemoryDataset("half-planes", List.of("below", "above"), samples, labels);
    }

    @Test
    void adaptationFromZeroClimbsFromChanceAndReportsEveryStep() {
        Random rng = new Random(5);
        List<Task> tasks = new ArrayList<>();
        for (int t = 0; t < 20; t++) {
            double angle = rng.nextDouble() * Math.PI;
            tasks.add(new Task(halfPlanes(angle, 10, rng), halfPlanes(angle, 40, rng)));
        }
        Linear model = new Linear(2);
        List<AdaptationCurve.Point> curve = new AdaptationCurve(5, 1.0)
                .measure(model, model.initialParameters(), tasks, "zeros", Progress.NONE);
        assertThat(curve).hasSize(6).extracting(AdaptationCurve.Point::steps).containsExactly(0, 1, 2, 3, 4, 5);
        // zero weights predict 1/2 for everything: loss log 2, and argmax picks class 0 on ties (about half right)
        assertThat(curve.get(0).loss().mean()).isCloseTo(Math.log(2), within(1e-9));
        assertThat(curve.get(0).loss().halfWidth()).isCloseTo(0, within(1e-9));
        // a linearly separable task is learned from 10 points: well above chance after 5 steps
        assertThat(curve.get(5).accuracy().mean()).isGreaterThan(0.8);
        assertThat(curve.get(5).loss().mean()).isLessThan(curve.get(1).loss().mean());
        assertThat(curve.get(5).accuracy().count()).isEqualTo(20);

        assertThatThrownBy(() -> new AdaptationCurve(5, 1e40).measure(model, model.initialParameters(),
                List.of(new Task(halfPlanes(0, 10, rng), halfPlanes(0, 10, rng))), "zeros", Progress.NONE))
                .isInstanceOf(XferException.class).hasMessageContaining("lower the adaptation learning rate");
        assertThatThrownBy(() -> new AdaptationCurve(-1, 0.1)).isInstanceOf(InvalidOptionException.class);
    }

    @Test
    void jointTrainingLearnsThePoolAndTransfersOnlyLayersOfTheSameShape() {
        Random rng = new Random(9);
        Dataset pool = halfPlanes(0.3, 200, rng);
        Linear model = new Linear(2);
        Parameters trained = new JointTraining(100, 16, 0.5).train(model, pool, 1, Progress.NONE);
        assertThat(model.lossAndGradient(trained, pool).loss()).isLessThan(0.3);

        Parameters threeWay = new Linear(3).initialParameters();
        Parameters sameShape = JointTraining.transfer(trained, model.initialParameters());
        Parameters otherShape = JointTraining.transfer(trained, threeWay);
        assertThat(sameShape).isEqualTo(trained);
        assertThat(otherShape).isEqualTo(threeWay);
    }

    @Test
    void meanIntervalIsTheNormalApproximation() {
        MeanInterval m = MeanInterval.of(new double[] {1, 2, 3, 4});
        assertThat(m.mean()).isEqualTo(2.5);
        // sample sd sqrt(5/3), standard error sqrt(5/3)/2
        assertThat(m.halfWidth()).isCloseTo(1.96 * Math.sqrt(5.0 / 3) / 2, within(1e-12));
        assertThat(m.format(2)).isEqualTo("2.50 ± 1.27");
    }
}
