/** Feature extraction: activations of named layers of a frozen source model as a feature matrix. */
package org.xfer4j.api.feature;
