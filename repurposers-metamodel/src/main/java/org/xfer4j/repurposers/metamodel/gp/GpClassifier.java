package org.xfer4j.repurposers.metamodel.gp;

import java.util.List;
import java.util.Map;
import org.xfer4j.api.feature.LayerBlock;
import org.xfer4j.api.repurpose.OnnxHead;
import org.xfer4j.api.repurpose.PayloadReader;
import org.xfer4j.api.repurpose.PayloadWriter;
import org.xfer4j.repurposers.metamodel.internal.ClassNames;
import org.xfer4j.repurposers.metamodel.internal.Matrices;
import org.xfer4j.repurposers.metamodel.internal.StandardizedClassifier;
import org.xfer4j.repurposers.metamodel.internal.Standardizer;
import org.xfer4j.repurposers.metamodel.internal.Vectors;

/**
 * A fitted {@code gp}: per one-vs-rest problem a Gaussian posterior N(w, S) over the inducing features. A new
 * example's latent value has mean phi.w and variance phi^T S phi; its log-odds are mean / sqrt(1 + pi variance / 8)
 * (MacKay's probit approximation). DTC's extra variance k(x, x) - |phi|^2 is left out: training never saw it, and
 * adding it made digits predictions underconfident (ECE 0.19 against 0.10 without).
 */
final class GpClassifier extends StandardizedClassifier {

    private static final String HYPERPARAMETERS = "gp.logHyperparameters";
    private static final String INDUCING = "gp.inducingPoints";
    private static final String LOWER_INVERSE = "gp.lowerInverse";
    private static final String WEIGHTS = "gp.weights";
    private static final String COVARIANCES = "gp.covariances";

    private final BlockRbfKernel kernel;
    private final double[] inducing;
    private final InducingFeatures features;
    private final double[][] weights;
    private final double[][] covariances;

    GpClassifier(List<String> classes, Standardizer standardizer, BlockRbfKernel kernel, double[] inducing,
            InducingFeatures features, double[][] weights, double[][] covariances) {
        super("gp", classes, standardizer);
        this.kernel = kernel;
        this.inducing = inducing;
        this.features = features;
        this.weights = weights;
        this.covariances = covariances;
    }

    /** The kernel with its fitted hyperparameters. */
    BlockRbfKernel kernel() {
        return kernel;
    }

    @Override
    protected double[][] probabilities(double[] x, int n) {
        int dim = features.dimension();
        double[] phi = features.featuresOf(kernel, x, n, inducing, featureCount());
        double[][] out = new double[n][];
        double[] logOdds = new double[weights.length];
        for (int i = 0; i < n; i++) {
            int off = i * dim;
            for (int r = 0; r < weights.length; r++) {
                double mean = Vectors.dot(phi, off, weights[r], 0, dim);
                double variance = quadraticForm(covariances[r], phi, off, dim);
                logOdds[r] = mean / Math.sqrt(1 + Math.PI * variance / 8);
            }
            out[i] = OneVsRest.probabilitiesFromLogOdds(logOdds, classes().size());
        }
        return out;
    }

    /** v^T S v for the symmetric S (row-major, dim x dim) and v = phi[off .. off+dim). */
    private static double quadraticForm(double[] s, double[] phi, int off, int dim) {
        double sum = 0;
        for (int a = 0; a < dim; a++) {
            sum += phi[off + a] * Vectors.dot(s, a * dim, phi, off, dim);
        }
        return sum;
    }

    /**
     * Inducing features phi = [L^-1 k_m(x), bias], per problem the latent mean phi.w and variance phi^T S phi, the
     * probit-scaled log-odds mean / sqrt(1 + pi variance / 8), then the one-vs-rest combination.
     */
    @Override
    protected String exportModel(OnnxHead head, String x) {
        int m = features.dimension() - 1;
        int dim = features.dimension();
        int problems = weights.length;
        double[] lowerT = new double[m * m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                lowerT[j * m + i] = features.lowerInverse()[i][j];
            }
        }
        String knm = kernel.exportOnnx(head, x, inducing, m, featureCount());
        String bias = head.op("Add", head.op("Mul", head.columns(x, 0, 1), head.constant(new double[] {0})),
                head.constant(new double[] {InducingFeatures.BIAS_SD})); // 0 * a finite feature is 0
        String phi = head.op("Concat", Map.of("axis", 1L), head.op("MatMul", knm, head.constant(lowerT, m, m)), bias);
        double[] weightsT = new double[dim * problems];
        for (int r = 0; r < problems; r++) {
            for (int a = 0; a < dim; a++) {
                weightsT[a * problems + r] = weights[r][a];
            }
        }
        String mean = head.op("MatMul", phi, head.constant(weightsT, dim, problems));
        String spread = head.op("MatMul", phi, head.constant(Matrices.flatten(covariances), problems, dim, dim));
        String variance = head.op("Transpose", Map.of("perm", new long[] {1, 0}),
                head.reduce("ReduceSum", head.op("Mul", spread, phi), false, 2));
        String logOdds = head.op("Div", mean, head.op("Sqrt", head.op("Add", head.constant(new double[] {1}),
                head.op("Div", head.op("Mul", head.constant(new double[] {Math.PI}), variance),
                        head.constant(new double[] {8})))));
        return OneVsRest.exportOnnx(head, logOdds, classes().size());
    }

    @Override
    protected void saveModel(PayloadWriter payload) {
        KernelBlocks.save(payload, kernel.blocks());
        double[] theta = kernel.toVector();
        payload.putDoubles(HYPERPARAMETERS, theta, theta.length);
        int m = features.dimension() - 1;
        payload.putDoubles(INDUCING, inducing, m, featureCount());
        payload.putDoubles(LOWER_INVERSE, Matrices.flatten(features.lowerInverse()), m, m);
        int dim = features.dimension();
        payload.putDoubles(WEIGHTS, Matrices.flatten(weights), weights.length, dim);
        payload.putDoubles(COVARIANCES, Matrices.flatten(covariances), covariances.length, dim, dim);
    }

    /** Reads what {@link #save} wrote. */
    static GpClassifier load(PayloadReader payload) {
        List<LayerBlock> blocks = KernelBlocks.load(payload);
        BlockRbfKernel kernel = new BlockRbfKernel(blocks, new double[blocks.size()], new double[blocks.size()])
                .withVector(payload.getDoubles(HYPERPARAMETERS));
        double[][] lowerInverse = Matrices.rows(payload.getDoubles(LOWER_INVERSE), payload.shape(LOWER_INVERSE)[0]);
        return new GpClassifier(ClassNames.load(payload), Standardizer.load(payload), kernel,
                payload.getDoubles(INDUCING), new InducingFeatures(lowerInverse), Matrices.rows(payload.getDoubles(WEIGHTS), payload.shape(WEIGHTS)[0]),
                Matrices.rows(payload.getDoubles(COVARIANCES), payload.shape(COVARIANCES)[0]));
    }
}
