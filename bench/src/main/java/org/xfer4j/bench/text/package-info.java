/** Fine-tuning a transformer text encoder against heads on its frozen features, on the spam subjects. */
package org.xfer4j.bench.text;
