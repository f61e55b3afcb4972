/**
 * Few-shot accuracy and calibration of the meta-models on features of real pretrained networks: the quickstart's
 * text and image studies and further image tasks (MNIST, Fashion-MNIST class subsets) used only for judging.
 */
package org.xfer4j.bench.fewshot;
