package org.xfer4j.repurposers.metamodel.svm;

import java.util.List;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.feature.FeatureMatrix;
import org.xfer4j.api.repurpose.FeatureClassifier;
import org.xfer4j.api.repurpose.PayloadReader;
import org.xfer4j.api.repurpose.PayloadWriter;
import org.xfer4j.api.repurpose.Predictions;
import org.xfer4j.repurposers.metamodel.internal.ClassNames;
import org.xfer4j.repurposers.metamodel.internal.Standardizer;

/**
 * A fitted {@code svm}: one-vs-rest decision values turned into probabilities by each problem's Platt sigmoid and
 * normalised over classes (two classes share one problem: class 1 against class 0).
 */
final class SvmClassifier implements FeatureClassifier {

    private static final String PLATT = "svm.platt";

    private final List<String> classes;
    private final Standardizer standardizer;
    private final Decision decision;
    private final PlattScaler[] platt;

    SvmClassifier(List<String> classes, Standardizer standardizer, Decision decision, PlattScaler[] platt) {
        int problems = classes.size() == 2 ? 1 : classes.size();
        if (platt.length != problems) {
            throw new InvalidInputException("svm has " + platt.length + " Platt sigmoids for " + classes.size()
                    + " classes; expected " + problems);
        }
        this.classes = List.copyOf(classes);
        this.standardizer = standardizer;
        this.decision = decision;
        this.platt = platt;
    }

    @Override
    public List<String> classes() {
        return classes;
    }

    @Override
    public int featureCount() {
        return standardizer.width();
    }

    @Override
    public Predictions predict(FeatureMatrix features) {
        double[] x = standardizer.transformChecked(features, "svm classifier");
        int d = featureCount();
        double[] values = new double[platt.length];
        double[][] out = new double[features.rows()][];
        for (int i = 0; i < out.length; i++) {
            decision.decide(x, i * d, values);
            out[i] = probabilities(values);
        }
        return new Predictions(classes, out);
    }

    private double[] probabilities(double[] values) {
        if (platt.length == 1) {
            double p = platt[0].probability(values[0]);
            return new double[] {1 - p, p};
        }
        double[] p = new double[platt.length];
        double sum = 0;
        for (int r = 0; r < p.length; r++) {
            p[r] = platt[r].probability(values[r]);
            sum += p[r];
        }
        for (int r = 0; r < p.length; r++) {
            // every sigmoid underflowed (far from all training data): no class is preferred
            p[r] = sum > 0 ? p[r] / sum : 1.0 / p.length;
        }
        return p;
    }

    @Override
    public void save(PayloadWriter payload) {
        ClassNames.save(payload, classes);
        standardizer.save(payload);
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
