/** The Spark extraction benchmark (run by bench/run-spark.sh, not by the test suite). */
package org.xfer4j.spark.bench;
