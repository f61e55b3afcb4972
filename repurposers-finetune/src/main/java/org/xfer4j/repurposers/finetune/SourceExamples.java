package org.xfer4j.repurposers.finetune;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.Progress;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.data.Sample;
import org.xfer4j.api.data.Tensor;
import org.xfer4j.api.model.Preprocessor;
import org.xfer4j.training.ExampleSet;

/** A labelled dataset prepared once by the source model's preprocessing into training examples. */
final class SourceExamples {

    private SourceExamples() {
    }

    static ExampleSet of(Dataset data, Preprocessor preprocessor, String input, int batchSize, Progress progress) {
        if (data.size() == 0) {
            throw new InvalidInputException("dataset " + data.name() + " is empty");
        }
        float[] values = null;
        long[] exampleShape = null;
        long[] labels = new long[data.size()];
        progress.start("preparing " + data.name(), data.size());
        for (int from = 0; from < data.size(); from += batchSize) {
            progress.checkCancelled();
            int to = Math.min(data.size(), from + batchSize);
            Tensor t = prepare(data, preprocessor, input, from, to);
            if (values == null) {
                exampleShape = Arrays.copyOfRange(t.shape(), 1, t.shape().length);
                values = new float[Math.multiplyExact(t.size() / (to - from), data.size())];
            }
            System.arraycopy(t.floats(), 0, values, from * (t.size() / (to - from)), t.size());
            for (int i = from; i < to; i++) {
                labels[i] = data.label(i);
                if (labels[i] < 0) {
                    throw new InvalidInputException("example " + i + " of " + data.name() + " has no label");
                }
            }
            progress.advance(to - from);
        }
        progress.finish();
        return new ExampleSet(input, exampleShape, values, labels);
    }

    /** The prepared input tensor of examples {@code from..to} (labels ignored). */
    static Tensor prepare(Dataset data, Preprocessor preprocessor, String input, int from, int to) {
        List<Sample> batch = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            batch.add(data.sample(i));
        }
        Map<String, Tensor> prepared = preprocessor.prepare(batch);
        Tensor t = prepared.get(input);
        if (t == null || prepared.size() != 1) {
            throw new InvalidInputException("fine-tuning needs a model with one input (" + input + "); the "
                    + "preprocessing gives " + prepared.keySet());
        }
        return t;
    }
}
