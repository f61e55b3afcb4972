package org.xfer4j.plugin.prototype;

import java.util.Arrays;
import java.util.List;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.feature.FeatureMatrix;
import org.xfer4j.api.feature.FeatureSet;
import org.xfer4j.api.repurpose.FeatureClassifier;
import org.xfer4j.api.repurpose.OnnxHead;
import org.xfer4j.api.repurpose.PayloadReader;
import org.xfer4j.api.repurpose.PayloadWriter;
import org.xfer4j.api.repurpose.Predictions;

/**
 * Class prototypes (mean training feature vectors, in standardised units when asked) and the temperature that turns
 * squared distances to them into probabilities.
 */
final class PrototypeClassifier implements FeatureClassifier {

    private final List<String> classes;
    private final double[][] prototypes;
    private final double[] mean;
    private final double[] scale;
    private final double temperature;

    private PrototypeClassifier(List<String> classes, double[][] prototypes, double[] mean, double[] scale,
                                double temperature) {
        this.classes = List.copyOf(classes);
        this.prototypes = prototypes;
        this.mean = mean;
        this.scale = scale;
        this.temperature = temperature;
    }

    /** Prototypes of the classes present in {@code training}; a class without examples is never predicted. */
    static PrototypeClassifier fit(FeatureSet training, PrototypeOptions options) {
        FeatureMatrix x = training.features();
        int d = x.columns();
        double[] mean = new double[d];
        double[] scale = new double[d];
        Arrays.fill(scale, 1);
        if (options.standardize()) {
            standardisation(x, mean, scale);
        }
        int k = training.classes().size();
        double[][] prototypes = new double[k][d];
        int[] counts = training.classCounts();
        for (int i = 0; i < x.rows(); i++) {
            double[] p = prototypes[training.labels()[i]];
            for (int j = 0; j < d; j++) {
                p[j] += (x.get(i, j) - mean[j]) / scale[j];
            }
        }
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < d; j++) {
                // an absent class gets an unreachable prototype, so it receives probability 0
                prototypes[c][j] = counts[c] == 0 ? Double.POSITIVE_INFINITY : prototypes[c][j] / counts[c];
            }
        }
        return new PrototypeClassifier(training.classes(), prototypes, mean, scale, options.temperature());
    }

    /** Per-feature mean and standard deviation; a constant feature keeps scale 1 instead of dividing by zero. */
    private static void standardisation(FeatureMatrix x, double[] mean, double[] scale) {
        int n = x.rows();
        int d = x.columns();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                mean[j] += x.get(i, j);
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        double[] variance = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double diff = x.get(i, j) - mean[j];
                variance[j] += diff * diff;
            }
        }
        for (int j = 0; j < d; j++) {
            double sd = Math.sqrt(variance[j] / n);
            scale[j] = sd > 0 ? sd : 1;
        }
    }

    /** Rebuilds a classifier from what {@link #save} wrote. */
    static PrototypeClassifier load(PayloadReader payload, PrototypeOptions options) {
        List<String> classes = List.of(payload.getText("classes").split("\n", -1));
        int[] shape = payload.shape("prototypes");
        if (shape.length != 2 || shape[0] != classes.size()) {
            throw new InvalidInputException("prototype payload: prototypes have shape " + Arrays.toString(shape)
                    + ", expected [" + classes.size() + ", features] for classes " + classes);
        }
        int d = shape[1];
        double[] flat = payload.getDoubles("prototypes");
        double[][] prototypes = new double[classes.size()][];
        for (int c = 0; c < prototypes.length; c++) {
            prototypes[c] = Arrays.copyOfRange(flat, c * d, (c + 1) * d);
        }
        double[] mean = vector(payload, "mean", d);
        double[] scale = vector(payload, "scale", d);
        return new PrototypeClassifier(classes, prototypes, mean, scale, options.temperature());
    }

    private static double[] vector(PayloadReader payload, String name, int d) {
        double[] v = payload.getDoubles(name);
        if (v.length != d) {
            throw new InvalidInputException("prototype payload: " + name + " has " + v.length + " values, expected " + d);
        }
        return v;
    }

    @Override
    public List<String> classes() {
        return classes;
    }

    @Override
    public int featureCount() {
        return mean.length;
    }

    @Override
    public Predictions predict(FeatureMatrix features) {
        int d = featureCount();
        double[][] probabilities = new double[features.rows()][];
        double[] z = new double[d];
        for (int i = 0; i < features.rows(); i++) {
            for (int j = 0; j < d; j++) {
                z[j] = (features.get(i, j) - mean[j]) / scale[j];
            }
            probabilities[i] = softmaxOfDistances(z);
        }
        return new Predictions(classes, probabilities);
    }

    /** softmax(-||z - prototype||^2 / temperature), shifted by the nearest distance so the largest term is exp(0). */
    private double[] softmaxOfDistances(double[] z) {
        double[] distances = new double[prototypes.length];
        double nearest = Double.POSITIVE_INFINITY;
        for (int c = 0; c < prototypes.length; c++) {
            double s = 0;
            for (int j = 0; j < z.length; j++) {
                double diff = z[j] - prototypes[c][j];
                s += diff * diff;
            }
            distances[c] = s;
            nearest = Math.min(nearest, s);
        }
        double[] p = new double[prototypes.length];
        double sum = 0;
        for (int c = 0; c < p.length; c++) {
            p[c] = Math.exp(-(distances[c] - nearest) / temperature);
            sum += p[c];
        }
        for (int c = 0; c < p.length; c++) {
            p[c] /= sum;
        }
        return p;
    }

    /** The optional SPI 1.2 hook: standardise, squared distances to the prototypes, then the shifted softmax. */
    @Override
    public void exportOnnx(OnnxHead head) {
        int d = featureCount();
        int k = prototypes.length;
        double[] flat = new double[k * d];
        for (int c = 0; c < k; c++) {
            System.arraycopy(prototypes[c], 0, flat, c * d, d);
        }
        String z = head.op("Div", head.op("Sub", head.features(), head.constant(mean, d)), head.constant(scale, d));
        String diff = head.op("Sub", head.op("Unsqueeze", z, head.constantInts(new long[] {1}, 1)),
                head.constant(flat, k, d));
        String distances = head.reduce("ReduceSum", head.op("Mul", diff, diff), false, 2);
        String shifted = head.op("Sub", distances, head.reduce("ReduceMin", distances, true, 1));
        String p = head.op("Exp", head.op("Div", head.op("Neg", shifted), head.constant(new double[] {temperature})));
        head.probabilities(head.op("Div", p, head.reduce("ReduceSum", p, true, 1)));
    }

    @Override
    public void save(PayloadWriter payload) {
        for (String c : classes) {
            if (c.indexOf('\n') >= 0) {
                throw new InvalidInputException("class name '" + c + "' contains a line break; it cannot be saved");
            }
        }
        payload.putText("classes", String.join("\n", classes));
        int d = featureCount();
        double[] flat = new double[prototypes.length * d];
        for (int c = 0; c < prototypes.length; c++) {
            System.arraycopy(prototypes[c], 0, flat, c * d, d);
        }
        payload.putDoubles("prototypes", flat, prototypes.length, d);
        payload.putDoubles("mean", mean, d);
        payload.putDoubles("scale", scale, d);
    }
}
