package org.xfer4j.api.data;

/** Element types of tensors exchanged through the SPI. */
public enum DType {
    /** 32-bit IEEE float. */
    FLOAT32,
    /** 64-bit signed integer (token ids, masks). */
    INT64
}
