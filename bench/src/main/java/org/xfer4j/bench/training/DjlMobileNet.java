package org.xfer4j.bench.training;

import ai.djl.Model;
import ai.djl.MalformedModelException;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

/**
 * The Java anchor: DJL 0.36 with its PyTorch 2.7.1 engine (libtorch from the Maven Central jar, offline) running
 * the TorchScript of the PyTorch reference's network ({@code bench/training/trace_mobilenet.py}: torchvision's
 * MobileNetV2, 5-way head, eval-mode batch norm), forward passes through a predictor and training steps through
 * DJL's trainer: softmax cross-entropy, SGD with momentum 0.9 at 0.01, every parameter, on a seeded random batch.
 */
final class DjlMobileNet implements AutoCloseable {

    private final NDManager manager;
    private final Model inference;
    private final Predictor<NDList, NDList> predictor;
    private final Model training;
    private final Trainer trainer;
    private final NDArray x;
    private final NDArray y;

    private DjlMobileNet(Path torchScript, int batch, int classes) throws IOException, MalformedModelException {
        manager = NDManager.newBaseManager("PyTorch");
        Random rng = new Random(0);
        float[] pixels = new float[batch * 3 * 224 * 224];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (float) rng.nextGaussian();
        }
        long[] labels = new long[batch];
        for (int i = 0; i < batch; i++) {
            labels[i] = rng.nextInt(classes);
        }
        x = manager.create(FloatBuffer.wrap(pixels), new Shape(batch, 3, 224, 224));
        y = manager.create(labels);
        inference = Model.newInstance("mobilenet-v2", "PyTorch");
        inference.load(torchScript.getParent(), torchScript.getFileName().toString());
        predictor = inference.newPredictor(new NoopTranslator());
        training = Model.newInstance("mobilenet-v2-training", "PyTorch");
        training.load(torchScript.getParent(), torchScript.getFileName().toString(), Map.of("trainParam", "true"));
        trainer = training.newTrainer(new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.01f)).optMomentum(0.9f).build()));
        trainer.initialize(new Shape(batch, 3, 224, 224));
    }

    /**
     * Traces the network at {@code batch} with Debian's torch 1.13 into {@code dir} (once) and opens it in DJL.
     *
     * @throws IllegalStateException with the exact failure when the engine or its native library cannot be loaded
     */
    static DjlMobileNet open(Path dir, int batch, int classes, int threads) throws Exception {
        // DJL reads its thread counts and offline mode from system properties before the engine starts
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        Path file = dir.resolve("mobilenet-v2-b" + batch + ".pt");
        if (!Files.exists(file)) {
            Files.createDirectories(dir);
            Process p = new ProcessBuilder("/usr/bin/python3", "bench/training/trace_mobilenet.py", file.toString(),
                    Integer.toString(batch)).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new IllegalStateException("tracing MobileNetV2 with torch 1.13 failed: " + out);
            }
        }
        try {
            return new DjlMobileNet(file, batch, classes);
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            throw new IllegalStateException("DJL's PyTorch engine cannot start offline: " + e, e);
        }
    }

    /** One forward pass of the batch (no gradients). */
    double forward() throws TranslateException {
        try (NDList out = predictor.predict(new NDList(x))) {
            return out.singletonOrThrow().getFloat(0, 0);
        }
    }

    /** One training step on the batch; returns its loss. */
    double step() {
        float loss;
        try (GradientCollector gc = trainer.newGradientCollector()) {
            NDList predictions = trainer.forward(new NDList(x));
            NDArray l = trainer.getLoss().evaluate(new NDList(y), predictions);
            gc.backward(l);
            loss = l.getFloat();
        }
        trainer.step();
        return loss;
    }

    @Override
    public void close() {
        trainer.close();
        training.close();
        predictor.close();
        inference.close();
        manager.close();
    }
}
