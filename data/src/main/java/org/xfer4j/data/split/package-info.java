/** Seeded, stratified train/test splits and few-shot draws of k examples per class. */
package org.xfer4j.data.split;
