package org.xfer4j.api.data;

import java.util.List;

/**
 * A labelled dataset with random access: samples are produced on demand (decoded lazily where the source allows),
 * so a dataset can be larger than memory. Labels index {@link #classes()}.
 */
public interface Dataset {

    /** A short name for reports and provenance. */
    String name();

    /** Number of examples. */
    int size();

    /** Class names; {@code label(i)} indexes this list. */
    List<String> classes();

    /** The label of example {@code i}, or -1 where the dataset is unlabelled. */
    int label(int i);

    /** Example {@code i}. */
    Sample sample(int i);

    /** All labels in order. */
    default int[] labels() {
        int[] y = new int[size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = label(i);
        }
        return y;
    }

    /** The examples at {@code indices}, in that order, as a view. */
    default Dataset subset(int[] indices) {
        return new SubsetDataset(this, indices);
    }
}
