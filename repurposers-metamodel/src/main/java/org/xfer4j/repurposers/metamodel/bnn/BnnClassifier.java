package org.xfer4j.repurposers.metamodel.bnn;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.repurpose.OnnxHead;
import org.xfer4j.api.repurpose.PayloadReader;
import org.xfer4j.api.repurpose.PayloadWriter;
import org.xfer4j.repurposers.metamodel.internal.ClassNames;
import org.xfer4j.repurposers.metamodel.internal.Softmax;
import org.xfer4j.repurposers.metamodel.internal.Standardizer;
import org.xfer4j.repurposers.metamodel.internal.StandardizedClassifier;
import smile.tensor.DenseMatrix;

/**
 * A fitted {@code bnn} model: the posterior means and rhos over standardised features. It predicts the Monte Carlo
 * average of the softmax outputs of {@code samples} weight draws; the draws come from a stored seed, so they are
 * the same for every row, every call and after reloading.
 */
final class BnnClassifier extends StandardizedClassifier {

    private static final String SIZES = "bnn.sizes";
    private static final String ACTIVATION = "bnn.activation";
    private static final String MEAN = "bnn.mean";
    private static final String RHO = "bnn.rho";
    private static final String SAMPLES = "bnn.samples";
    private static final String SEED = "bnn.seed";

    private final Architecture arch;
    private final double[] mu;
    private final double[] rho;
    private final int samples;
    private final long seed;

    BnnClassifier(List<String> classes, Standardizer standardizer, Architecture arch, double[] mu, double[] rho,
            int samples, long seed) {
        super("bnn", classes, standardizer);
        if (arch.features() != standardizer.width() || arch.classes() != classes.size()) {
            throw new InvalidInputException("bnn payload: a network from " + arch.features() + " features to "
                    + arch.classes() + " classes cannot serve " + standardizer.width() + " features and "
                    + classes.size() + " classes");
        }
        if (mu.length != arch.parameterCount() || rho.length != arch.parameterCount()) {
            throw new InvalidInputException("bnn payload holds " + mu.length + " means and " + rho.length
                    + " rhos; the network needs " + arch.parameterCount() + " of each");
        }
        if (samples < 1) {
            throw new InvalidInputException("bnn payload asks for " + samples + " prediction samples");
        }
        this.arch = arch;
        this.mu = mu;
        this.rho = rho;
        this.samples = samples;
        this.seed = seed;
    }

    @Override
    protected double[][] probabilities(double[] x, int rows) {
        int k = arch.classes();
        double[][] out = new double[rows][k];
        NetworkPass pass = new NetworkPass(arch, rows);
        pass.setInput(x, null);
        double[] eps = new double[mu.length];
        double[] sigma = new double[mu.length];
        MeanField.sigmas(rho, sigma, null);
        double[] w = new double[mu.length];
        double[] z = new double[k];
        double[] p = new double[k];
        for (int s = 0; s < samples; s++) {
            RandomGenerator random = Noise.generator(seed, s);
            Noise.fill(random, eps);
            MeanField.draw(mu, sigma, eps, w);
            pass.setParameters(w);
            pass.forward();
            DenseMatrix logits = pass.logits();
            for (int i = 0; i < rows; i++) {
                for (int c = 0; c < k; c++) {
                    z[c] = logits.get(i, c);
                }
                Softmax.of(z, p);
                for (int c = 0; c < k; c++) {
                    out[i][c] += p[c] / samples;
                }
            }
        }
        return out;
    }

    /**
     * The same {@code samples} weight draws predict makes (from the stored seed), stacked: each layer is one batched
     * MatMul over the draws, then the softmax of every draw's logits and their mean over the draws.
     */
    @Override
    protected String exportModel(OnnxHead head, String x) {
        double[][] draws = new double[samples][mu.length];
        double[] eps = new double[mu.length];
        double[] sigma = new double[mu.length];
        MeanField.sigmas(rho, sigma, null);
        for (int s = 0; s < samples; s++) {
            Noise.fill(Noise.generator(seed, s), eps);
            MeanField.draw(mu, sigma, eps, draws[s]);
        }
        String h = x;
        for (int l = 0; l < arch.layers(); l++) {
            int in = arch.in(l);
            int out = arch.out(l);
            int o = arch.offset(l);
            double[] w = new double[samples * in * out];
            double[] b = new double[samples * out];
            for (int s = 0; s < samples; s++) {
                for (int r = 0; r < out; r++) {
                    for (int c = 0; c < in; c++) {
                        w[(s * in + c) * out + r] = draws[s][o + r * in + c];
                    }
                    b[s * out + r] = draws[s][o + out * in + r];
                }
            }
            h = head.op("Add", head.op("MatMul", h, head.constant(w, samples, in, out)),
                    head.constant(b, samples, 1, out));
            if (l < arch.layers() - 1) {
                h = head.op(arch.activation() == Activation.RELU ? "Relu" : "Tanh", h);
            }
        }
        return head.reduce("ReduceMean", head.op("Softmax", Map.of("axis", -1L), h), false, 0);
    }

    @Override
    protected void saveModel(PayloadWriter payload) {
        payload.putInts(SIZES, arch.sizes(), arch.sizes().length);
        payload.putText(ACTIVATION, arch.activation().name().toLowerCase(Locale.ROOT));
        payload.putDoubles(MEAN, mu, mu.length);
        payload.putDoubles(RHO, rho, rho.length);
        payload.putInts(SAMPLES, new int[] {samples}, 1);
        payload.putText(SEED, Long.toString(seed));
    }

    /** Reads what {@link #save} wrote. */
    static BnnClassifier load(PayloadReader payload) {
        String activation = payload.getText(ACTIVATION);
        Activation act;
        try {
            act = Activation.valueOf(activation.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("bnn payload names an unknown activation '" + activation + "'");
        }
        String seedText = payload.getText(SEED);
        long seed;
        try {
            seed = Long.parseLong(seedText);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("bnn payload entry " + SEED + " is not a number: '" + seedText + "'");
        }
        return new BnnClassifier(ClassNames.load(payload), Standardizer.load(payload),
                new Architecture(payload.getInts(SIZES), act), payload.getDoubles(MEAN), payload.getDoubles(RHO),
                payload.getInts(SAMPLES)[0], seed);
    }
}
