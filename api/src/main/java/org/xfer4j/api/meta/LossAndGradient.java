package org.xfer4j.api.meta;

/** The mean loss over a batch and its gradient with respect to every parameter. */
public record LossAndGradient(double loss, Parameters gradient) {
}
