package org.xfer4j.training.autodiff;

import org.xfer4j.api.XferException;

/** A layer on the path from a trainable parameter to the loss uses an operator without a gradient rule. */
public final class UnsupportedOperatorException extends XferException {

    private static final long serialVersionUID = 1L;

    /** Names the layer, its operator and why it cannot be differentiated. */
    public UnsupportedOperatorException(String message) {
        super(message);
    }
}
