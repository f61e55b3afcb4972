package org.xfer4j.importer.tfjs;

import org.xfer4j.api.InvalidInputException;

/** The model uses a layer type, layer option or weight dtype the importer does not translate; names the layer. */
public final class UnsupportedLayerException extends InvalidInputException {

    private static final long serialVersionUID = 1L;

    public UnsupportedLayerException(String message) {
        super(message);
    }
}
