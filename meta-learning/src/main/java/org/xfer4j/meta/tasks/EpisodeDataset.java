package org.xfer4j.meta.tasks;

import java.util.List;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.data.Sample;

/** Some examples of a dataset under new labels: an episode's support or query set, or a pool of classes. */
record EpisodeDataset(String name, Dataset parent, List<String> classes, int[] indices, int[] labelArray)
        implements Dataset {

    EpisodeDataset {
        classes = List.copyOf(classes);
        indices = indices.clone();
        labelArray = labelArray.clone();
    }

    @Override
    public int size() {
        return indices.length;
    }

    @Override
    public int label(int i) {
        return labelArray[i];
    }

    @Override
    public Sample sample(int i) {
        return parent.sample(indices[i]);
    }
}
