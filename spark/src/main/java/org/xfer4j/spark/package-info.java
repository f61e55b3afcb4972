/**
 * Xfer4j on Apache Spark: feature extraction over a DataFrame of texts or images with one ONNX Runtime session per
 * executor JVM ({@link org.xfer4j.spark.SparkFeatureExtractor}), batch prediction with a saved artifact or an exported
 * ONNX graph as a Spark ML transformer ({@link org.xfer4j.spark.XferPredictor}), and fitting a meta-model on features
 * gathered from the cluster ({@link org.xfer4j.spark.ClusterFit}). Runs on the class path, as Spark does.
 */
package org.xfer4j.spark;
