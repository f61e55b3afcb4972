package org.xfer4j.api.model;

/**
 * How an activation of rank above 2 becomes one feature vector per example: sequences ([N, T, H]) by their first
 * token or by a mean over the positions an attention-mask input marks; feature maps ([N, C, H, W]) by the mean over
 * space or by flattening.
 */
public record Pooling(Sequence sequence, Spatial spatial, String maskInput) {

    /** Reduction of [N, T, H] activations. */
    public enum Sequence { FIRST_TOKEN, MASKED_MEAN, FLATTEN }

    /** Reduction of [N, C, ...] activations. */
    public enum Spatial { MEAN, FLATTEN }

    /** Feature maps averaged over space; no sequences expected. */
    public static final Pooling IMAGE = new Pooling(Sequence.FLATTEN, Spatial.MEAN, null);

    public Pooling {
        if (sequence == Sequence.MASKED_MEAN && maskInput == null) {
            throw new IllegalArgumentException("masked-mean pooling needs the name of the attention-mask input");
        }
    }
}
