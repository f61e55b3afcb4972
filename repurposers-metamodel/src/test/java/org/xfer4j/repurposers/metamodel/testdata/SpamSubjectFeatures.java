package org.xfer4j.repurposers.metamodel.testdata;

import java.util.List;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.feature.FeatureSet;
import org.xfer4j.api.model.SourceModel;
import org.xfer4j.core.Xfer;
import org.xfer4j.data.split.Splits;
import org.xfer4j.data.text.SpamAssassin;

/**
 * bge-small-en-v1.5 features of the SpamAssassin subjects, split 70/30 stratified with seed 42 (the split
 * {@code spam-subjects:train|test} uses), read through the host's feature cache.
 *
 * @param train the 70 % part
 * @param test  the 30 % part
 */
public record SpamSubjectFeatures(FeatureSet train, FeatureSet test) {

    /** Extracts (or reads from the cache) and splits the features. */
    public static SpamSubjectFeatures load() {
        try (Xfer xfer = Xfer.builder().build(); SourceModel bge = xfer.openModel("bge-small-en-v1.5")) {
            Dataset data = SpamAssassin.subjects(xfer.context().cacheDir());
            Splits.Split split = Splits.stratified(data.labels(), 0.3, 42);
            FeatureSet all = new FeatureSet(xfer.extract(bge, data, List.of(bge.defaultFeatureLayer())),
                    data.labels(), data.classes());
            return new SpamSubjectFeatures(all.select(split.train()), all.select(split.test()));
        }
    }
}
