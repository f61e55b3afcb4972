package org.xfer4j.repurposers.metamodel.bnn;

/** The nonlinearity of the hidden layers, with its derivative written in terms of the pre-activation. */
public enum Activation {
    /** max(0, a). */
    RELU {
        @Override
        double apply(double a) {
            return a > 0 ? a : 0;
        }

        @Override
        double derivative(double a, double out) {
            return a > 0 ? 1 : 0;
        }
    },
    /** tanh(a). */
    TANH {
        @Override
        double apply(double a) {
            return Math.tanh(a);
        }

        @Override
        double derivative(double a, double out) {
            return 1 - out * out;
        }
    };

    /** The activation of pre-activation {@code a}. */
    abstract double apply(double a);

    /** d apply / d a at {@code a}, whose activation is {@code out}. */
    abstract double derivative(double a, double out);
}
