/** Value types for data: tensors, samples (text, image, ready tensors) and labelled datasets. */
package org.xfer4j.api.data;
