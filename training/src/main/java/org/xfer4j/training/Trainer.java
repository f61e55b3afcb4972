package org.xfer4j.training;

import ai.onnxruntime.OnnxTensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.xfer4j.api.data.Tensor;
import org.xfer4j.data.split.Splits;
import org.xfer4j.training.autodiff.Loss;

/**
 * The epoch loop: seeded shuffling into mini-batches, a held-out validation split, a learning-rate schedule, early
 * stopping after {@code patience} epochs without improvement of the validation loss (the training loss without
 * validation), and restoring the best epoch's parameters.
 */
public final class Trainer {

    private Trainer() {
    }

    /** Trains {@code session} on {@code data}; returns the per-epoch history. */
    public static TrainingHistory fit(TrainingSession session, ExampleSet data, TrainerConfig config) {
        int[][] split = split(data.size(), config);
        int[] val = split[0];
        int[] train = split[1];
        boolean classify = session.step().loss() == Loss.SOFTMAX_CROSS_ENTROPY;
        List<TrainingHistory.Epoch> epochs = new ArrayList<>();
        double best = Double.POSITIVE_INFINITY;
        int bestEpoch = -1;
        int sinceBest = 0;
        boolean stopped = false;
        Map<String, Tensor> checkpoint = null;
        long stepsPerEpoch = (train.length + config.batchSize() - 1) / config.batchSize();
        long steps = stepsPerEpoch * config.epochs();
        config.progress().start("training", config.epochs());
        for (int epoch = 0; epoch < config.epochs(); epoch++) {
            double factor = config.schedule().factor(epoch * stepsPerEpoch, steps, epoch, config.epochs());
            Metrics trained = new Metrics();
            Splits.shuffle(train, new Random(config.seed() * 31 + epoch));
            for (int from = 0; from < train.length; from += config.batchSize()) {
                config.progress().checkCancelled();
                int to = Math.min(train.length, from + config.batchSize());
                Map<String, Double> rates = rates(config, epoch * stepsPerEpoch + from / config.batchSize(), steps,
                        epoch);
                try (ExampleSet.Batch x = data.inputs(train, from, to);
                        OnnxTensor y = data.labelBatch(train, from, to)) {
                    TrainingSession.StepOutput out = session.run(x.tensors(), y, rates);
                    trained.add(out.loss(), classify ? correct(out.prediction(), data, train, from, to) : 0,
                            to - from);
                }
            }
            Metrics validated = val.length > 0 ? evaluate(session, data, val, config.batchSize()) : null;
            epochs.add(new TrainingHistory.Epoch(epoch, factor, trained.loss(), classify ? trained.accuracy()
                    : Double.NaN, validated == null ? Double.NaN : validated.loss(),
                    validated == null || !classify ? Double.NaN : validated.accuracy()));
            double monitored = validated != null ? validated.loss() : trained.loss();
            if (monitored < best - 1e-7) {
                best = monitored;
                bestEpoch = epoch;
                sinceBest = 0;
                if (config.restoreBest()) {
                    checkpoint = session.parameters();
                }
            } else if (config.patience() > 0 && ++sinceBest >= config.patience()) {
                stopped = true;
                config.progress().advance(1);
                break;
            }
            config.progress().advance(1);
        }
        config.progress().finish();
        if (config.restoreBest() && checkpoint != null && bestEpoch != epochs.size() - 1) {
            session.load(checkpoint);
        }
        return new TrainingHistory(epochs, bestEpoch, stopped);
    }

    private static Map<String, Double> rates(TrainerConfig config, long step, long steps, int epoch) {
        double factor = config.schedule().factor(step, steps, epoch, config.epochs());
        Map<String, Double> rates = new HashMap<>();
        config.learningRates().forEach((g, lr) -> rates.put(g, lr * factor));
        return rates;
    }

    /** Validation and training indices: a seeded shuffle, its first {@code validationFraction} held out. */
    static int[][] split(int n, TrainerConfig config) {
        int[] order = shuffled(n, new Random(config.seed()));
        int validation = (int) Math.round(config.validationFraction() * n);
        return new int[][] {Arrays.copyOfRange(order, 0, validation),
                Arrays.copyOfRange(order, validation, n)};
    }

    /** Mean cross-entropy (or squared error) and accuracy of the current parameters on {@code indices}. */
    static Metrics evaluate(TrainingSession session, ExampleSet data, int[] indices, int batchSize) {
        Metrics m = new Metrics();
        boolean classify = session.step().loss() == Loss.SOFTMAX_CROSS_ENTROPY;
        for (int from = 0; from < indices.length; from += batchSize) {
            int to = Math.min(indices.length, from + batchSize);
            try (ExampleSet.Batch x = data.inputs(indices, from, to)) {
                float[] p = session.predict(x.tensors());
                int k = p.length / (to - from);
                double loss = 0;
                for (int i = from; i < to; i++) {
                    loss += classify ? crossEntropy(p, (i - from) * k, k, (int) data.labels()[indices[i]]) : 0;
                }
                m.add(loss / (to - from), classify ? correct(p, data, indices, from, to) : 0, to - from);
            }
        }
        return m;
    }

    private static double crossEntropy(float[] logits, int offset, int k, int label) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < k; j++) {
            max = Math.max(max, logits[offset + j]);
        }
        double sum = 0;
        for (int j = 0; j < k; j++) {
            sum += Math.exp(logits[offset + j] - max);
        }
        return Math.log(sum) + max - logits[offset + label];
    }

    private static int correct(float[] prediction, ExampleSet data, int[] indices, int from, int to) {
        int k = prediction.length / (to - from);
        int right = 0;
        for (int i = from; i < to; i++) {
            int arg = 0;
            for (int j = 1; j < k; j++) {
                if (prediction[(i - from) * k + j] > prediction[(i - from) * k + arg]) {
                    arg = j;
                }
            }
            right += arg == data.labels()[indices[i]] ? 1 : 0;
        }
        return right;
    }

    private static int[] shuffled(int n, Random rng) {
        int[] a = new int[n];
        Arrays.setAll(a, i -> i);
        Splits.shuffle(a, rng);
        return a;
    }

    /** Running sums of loss (weighted by batch size) and correct predictions. */
    static final class Metrics {
        private double lossSum;
        private long right;
        private long count;

        void add(double meanLoss, int correct, int n) {
            lossSum += meanLoss * n;
            right += correct;
            count += n;
        }

        double loss() {
            return lossSum / count;
        }

        double accuracy() {
            return (double) right / count;
        }
    }
}
