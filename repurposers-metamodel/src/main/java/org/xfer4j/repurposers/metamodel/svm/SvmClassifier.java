package org.xfer4j.repurposers.metamodel.svm;

import java.util.List;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.repurpose.OnnxHead;
import org.xfer4j.api.repurpose.PayloadReader;
import org.xfer4j.api.repurpose.PayloadWriter;
import org.xfer4j.repurposers.metamodel.internal.ClassNames;
import org.xfer4j.repurposers.metamodel.internal.Standardizer;
import org.xfer4j.repurposers.metamodel.internal.StandardizedClassifier;

/**
 * A fitted {@code svm}: one decision value per pair of classes, turned into a pairwise probability by the pair's
 * Platt sigmoid, and class probabilities by pairwise coupling.
 */
final class SvmClassifier extends StandardizedClassifier {

    private static final String PLATT = "svm.platt";

    private final Decision decision;
    private final PlattScaler[] platt;

    SvmClassifier(List<String> classes, Standardizer standardizer, Decision decision, PlattScaler[] platt) {
        super("svm", classes, standardizer);
        int problems = PairwiseCoupling.pairs(classes.size());
        if (platt.length != problems) {
            throw new InvalidInputException("svm has " + platt.length + " Platt sigmoids for " + classes.size()
                    + " classes; expected " + problems);
        }
        this.decision = decision;
        this.platt = platt;
    }

    @Override
    protected double[][] probabilities(double[] x, int rows) {
        int d = featureCount();
        double[] values = new double[platt.length];
        double[][] out = new double[rows][];
        for (int i = 0; i < rows; i++) {
            decision.decide(x, i * d, values);
            out[i] = probabilities(values);
        }
        return out;
    }

    private double[] probabilities(double[] values) {
        double[] positive = new double[platt.length];
        for (int r = 0; r < positive.length; r++) {
            positive[r] = platt[r].probability(values[r]);
        }
        return PairwiseCoupling.probabilities(positive, classes().size());
    }

    /** Decision values, each pair's Platt sigmoid, then pairwise coupling (its iteration as an ONNX Loop). */
    @Override
    protected String exportModel(OnnxHead head, String x) {
        String values = decision.exportOnnx(head, x);
        double[] a = new double[platt.length];
        double[] b = new double[platt.length];
        for (int r = 0; r < platt.length; r++) {
            a[r] = platt[r].a();
            b[r] = platt[r].b();
        }
        String secondOfPair = head.op("Sigmoid", head.op("Neg", head.op("Add", head.op("Mul",
                head.constant(a, a.length), values), head.constant(b, b.length))));
        return PairwiseCoupling.exportOnnx(head, secondOfPair, classes().size());
    }

    @Override
    protected void saveModel(PayloadWriter payload) {
        decision.save(payload);
        double[] ab = new double[2 * platt.length];
        for (int r = 0; r < platt.length; r++) {
            ab[2 * r] = platt[r].a();
            ab[2 * r + 1] = platt[r].b();
        }
        payload.putDoubles(PLATT, ab, platt.length, 2);
    }

    /** Reads what {@link #save} wrote. */
    static SvmClassifier load(PayloadReader payload) {
        double[] ab = payload.getDoubles(PLATT);
        PlattScaler[] platt = new PlattScaler[ab.length / 2];
        for (int r = 0; r < platt.length; r++) {
            platt[r] = new PlattScaler(ab[2 * r], ab[2 * r + 1]);
        }
        return new SvmClassifier(ClassNames.load(payload), Standardizer.load(payload), Decision.load(payload), platt);
    }
}
