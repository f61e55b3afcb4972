package org.xfer4j.runtime.onnx;

import org.xfer4j.api.XferException;

/** The device the user asked for (a CUDA GPU) cannot run graphs here; the message says why and what to install. */
public final class DeviceUnavailableException extends XferException {

    private static final long serialVersionUID = 1L;

    public DeviceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
