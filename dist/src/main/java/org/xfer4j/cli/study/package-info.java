/** Few-shot studies: accuracy and calibration of repurposing methods against the number of labelled examples. */
package org.xfer4j.cli.study;
