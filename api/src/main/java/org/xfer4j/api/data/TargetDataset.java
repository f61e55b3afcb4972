package org.xfer4j.api.data;

import java.util.List;

/**
 * A dataset whose examples carry real-valued targets (regression), such as the points of one sine wave; its class
 * list may be empty and its labels -1. Every target has {@link #targetSize()} values.
 */
public interface TargetDataset extends Dataset {

    /** Values per target (1 for a scalar regression). */
    int targetSize();

    /** The target of example {@code i} ({@link #targetSize()} values; do not change them). */
    float[] target(int i);

    /** The examples at {@code indices}, in that order, as a view that keeps the targets. */
    @Override
    default TargetDataset subset(int[] indices) {
        TargetDataset parent = this;
        Dataset rows = new SubsetDataset(this, indices);
        int[] kept = indices.clone();
        return new TargetDataset() {
            @Override
            public int targetSize() {
                return parent.targetSize();
            }

            @Override
            public float[] target(int i) {
                return parent.target(kept[i]);
            }

            @Override
            public String name() {
                return rows.name();
            }

            @Override
            public int size() {
                return rows.size();
            }

            @Override
            public List<String> classes() {
                return rows.classes();
            }

            @Override
            public int label(int i) {
                return rows.label(i);
            }

            @Override
            public Sample sample(int i) {
                return rows.sample(i);
            }
        };
    }

    /** An in-memory regression set: unlabelled samples and one target row each (rows are copied). */
    static TargetDataset of(String name, List<Sample> samples, float[][] targets) {
        return new InMemoryTargets(name, samples, targets);
    }
}
