/** What the study harness costs: a study run through it against the same fits and predictions in a bare loop. */
package org.xfer4j.bench.study;
