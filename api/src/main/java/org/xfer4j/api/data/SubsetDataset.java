package org.xfer4j.api.data;

import java.util.List;
import org.xfer4j.api.InvalidInputException;

/** A view of some examples of another dataset. */
record SubsetDataset(Dataset parent, int[] indices) implements Dataset {

    SubsetDataset {
        indices = indices.clone();
        for (int i : indices) {
            if (i < 0 || i >= parent.size()) {
                throw new InvalidInputException("index " + i + " outside dataset " + parent.name()
                        + " of size " + parent.size());
            }
        }
    }

    @Override
    public String name() {
        return parent.name() + "[" + indices.length + "]";
    }

    @Override
    public int size() {
        return indices.length;
    }

    @Override
    public List<String> classes() {
        return parent.classes();
    }

    @Override
    public int label(int i) {
        return parent.label(indices[i]);
    }

    @Override
    public Sample sample(int i) {
        return parent.sample(indices[i]);
    }
}
