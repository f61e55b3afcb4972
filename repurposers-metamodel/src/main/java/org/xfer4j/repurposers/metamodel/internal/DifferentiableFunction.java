package org.xfer4j.repurposers.metamodel.internal;

/** A smooth objective that returns its value and writes its gradient in one pass. */
@FunctionalInterface
public interface DifferentiableFunction {

    /** The value at {@code x}; the gradient is written into {@code gradient} (same length as x). */
    double valueAndGradient(double[] x, double[] gradient);
}
