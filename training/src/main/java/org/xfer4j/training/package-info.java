/**
 * The training loop over training-step graphs: epochs, mini-batches, validation, early stopping, schedules,
 * frozen-prefix caching, and the trained inference graph.
 *
 * <pre>{@code
 * OnnxGraph net = OnnxGraph.load(file).withInputShape("x", -1, 3, 32, 32)
 *         .truncateAfter("pool5")                                   // keep the source up to a transfer layer
 *         .addOnTop(seed, LayerSpec.flatten(), LayerSpec.dense(10))  // new head "dense_1"
 *         .freeze(l -> true).unfreeze("dense_1");                    // train the head only
 * GraphTrainer.Result r = GraphTrainer.train(net, examples, TrainingSetup.of(Optimizer.Adam.defaults()),
 *         TrainerConfig.simple(10, 32, 0.01, seed), context);       // frozen prefix computed once per example
 * r.trained().save(Path.of("trained.onnx"));                       // one inference graph, no training nodes
 * }</pre>
 */
package org.xfer4j.training;
