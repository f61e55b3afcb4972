/** A runnable Spark job over a built-in dataset: the example of the README's Spark section. */
package org.xfer4j.spark.example;
