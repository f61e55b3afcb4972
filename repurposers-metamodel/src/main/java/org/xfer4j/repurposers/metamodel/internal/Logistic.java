package org.xfer4j.repurposers.metamodel.internal;

/** The logistic sigmoid, evaluated without overflow for large |z|. */
public final class Logistic {

    private Logistic() {
    }

    /** 1 / (1 + exp(-z)). */
    public static double sigmoid(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }
}
