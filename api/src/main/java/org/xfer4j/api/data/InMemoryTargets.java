package org.xfer4j.api.data;

import java.util.List;
import org.xfer4j.api.InvalidInputException;

/** The in-memory {@link TargetDataset} behind {@link TargetDataset#of}. */
record InMemoryTargets(String name, List<Sample> samples, float[][] targets) implements TargetDataset {

    InMemoryTargets {
        samples = List.copyOf(samples);
        if (samples.size() != targets.length) {
            throw new InvalidInputException("dataset " + name + " has " + samples.size() + " samples but "
                    + targets.length + " targets");
        }
        float[][] copy = new float[targets.length][];
        for (int i = 0; i < targets.length; i++) {
            copy[i] = targets[i].clone();
            if (copy[i].length != copy[0].length) {
                throw new InvalidInputException("dataset " + name + ": target " + i + " has " + copy[i].length
                        + " values, target 0 has " + copy[0].length);
            }
        }
        targets = copy;
    }

    @Override
    public int targetSize() {
        return targets.length == 0 ? 0 : targets[0].length;
    }

    @Override
    public float[] target(int i) {
        return targets[i];
    }

    @Override
    public int size() {
        return samples.size();
    }

    @Override
    public List<String> classes() {
        return List.of();
    }

    @Override
    public int label(int i) {
        return -1;
    }

    @Override
    public Sample sample(int i) {
        return samples.get(i);
    }
}
