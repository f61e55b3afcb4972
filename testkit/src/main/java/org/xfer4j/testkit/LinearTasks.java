package org.xfer4j.testkit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.data.Sample;
import org.xfer4j.api.data.TargetDataset;
import org.xfer4j.api.data.Tensor;
import org.xfer4j.api.meta.DifferentiableModel;
import org.xfer4j.api.meta.LossAndGradient;
import org.xfer4j.api.meta.LossKind;
import org.xfer4j.api.meta.Parameters;
import org.xfer4j.api.meta.Task;
import org.xfer4j.api.meta.TaskDistribution;

/**
 * Related regression tasks for the meta-learner contract: lines y = a x + b with slope a ~ N(2, 0.25^2) and intercept
 * b ~ N(-1, 0.25^2), x ~ U(-1, 1), 5 support and 5 query points; and the model y = w x + c fitted by squared error,
 * in plain Java with exact gradients and Hessians. Starting from w = c = 0, a good initialisation lies near
 * (2, -1), so meta-training must lower the query loss after a few adaptation steps.
 */
final class LinearTasks implements TaskDistribution {

    static final int POINTS = 5;

    @Override
    public String name() {
        return "lines";
    }

    @Override
    public LossKind lossKind() {
        return LossKind.SQUARED_ERROR;
    }

    @Override
    public Task sample(RandomGenerator random) {
        double a = 2 + 0.25 * random.nextGaussian();
        double b = -1 + 0.25 * random.nextGaussian();
        return new Task(points(random, a, b), points(random, a, b));
    }

    private static TargetDataset points(RandomGenerator random, double a, double b) {
        List<Sample> samples = new ArrayList<>();
        float[][] y = new float[POINTS][];
        for (int i = 0; i < POINTS; i++) {
            float x = (float) (2 * random.nextDouble() - 1);
            samples.add(new Sample.Tensors(Map.of("x", Tensor.ofFloats(new float[] {x}, 1))));
            y[i] = new float[] {(float) (a * x + b)};
        }
        return TargetDataset.of("line", samples, y);
    }

    /** The line model y = w x + c. */
    static final class Model implements DifferentiableModel {

        @Override
        public Parameters initialParameters() {
            return params(0, 0);
        }

        @Override
        public LossKind lossKind() {
            return LossKind.SQUARED_ERROR;
        }

        @Override
        public LossAndGradient lossAndGradient(Parameters parameters, Dataset batch) {
            double w = value(parameters, "w");
            double c = value(parameters, "c");
            TargetDataset d = (TargetDataset) batch;
            double loss = 0;
            double dw = 0;
            double dc = 0;
            for (int i = 0; i < d.size(); i++) {
                double x = x(d, i);
                double r = w * x + c - d.target(i)[0];
                loss += r * r / d.size();
                dw += 2 * r * x / d.size();
                dc += 2 * r / d.size();
            }
            return new LossAndGradient(loss, params(dw, dc));
        }

        @Override
        public org.xfer4j.api.repurpose.Predictions predict(Parameters parameters, Dataset data) {
            throw new UnsupportedOperationException("a regression model has no class probabilities");
        }

        @Override
        public Tensor outputs(Parameters parameters, Dataset data) {
            float[] y = new float[data.size()];
            for (int i = 0; i < y.length; i++) {
                y[i] = (float) (value(parameters, "w") * x(data, i) + value(parameters, "c"));
            }
            return Tensor.ofFloats(y, y.length, 1);
        }

        @Override
        public boolean supportsSecondOrder() {
            return true;
        }

        @Override
        public Parameters hessianVectorProduct(Parameters parameters, Dataset batch, Parameters vector) {
            double vw = value(vector, "w");
            double vc = value(vector, "c");
            double hw = 0;
            double hc = 0;
            for (int i = 0; i < batch.size(); i++) {
                double x = x(batch, i);
                hw += 2 * (x * x * vw + x * vc) / batch.size();
                hc += 2 * (x * vw + vc) / batch.size();
            }
            return params(hw, hc);
        }

        @Override
        public void close() {
        }

        private static double x(Dataset d, int i) {
            return ((Sample.Tensors) d.sample(i)).inputs().get("x").floats()[0];
        }

        private static double value(Parameters p, String name) {
            return p.tensors().get(name).floats()[0];
        }

        static Parameters params(double w, double c) {
            Map<String, Tensor> m = new LinkedHashMap<>();
            m.put("w", Tensor.ofFloats(new float[] {(float) w}, 1));
            m.put("c", Tensor.ofFloats(new float[] {(float) c}, 1));
            return new Parameters(m);
        }
    }
}
