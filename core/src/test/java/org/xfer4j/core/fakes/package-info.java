/** Test doubles of providers and models, so host tests run without ONNX Runtime. */
package org.xfer4j.core.fakes;
