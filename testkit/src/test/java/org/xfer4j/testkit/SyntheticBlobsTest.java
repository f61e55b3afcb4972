package org.xfer4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.xfer4j.api.feature.FeatureSet;
import org.xfer4j.api.feature.LayerBlock;

class SyntheticBlobsTest {

    @Test
    void blobsHaveBalancedClassesOverSeveralLayerBlocks() {
        FeatureSet s = SyntheticBlobs.generate(3, 10, 1L, 2L);
        assertThat(s.size()).isEqualTo(30);
        assertThat(s.classCounts()).containsExactly(10, 10, 10);
        assertThat(s.classes()).containsExactly("class0", "class1", "class2");
        assertThat(s.features().columns()).isEqualTo(SyntheticBlobs.featureCount());
        assertThat(s.features().blocks()).extracting(LayerBlock::layer).containsExactly("conv1", "pool2", "fc3");
    }

    @Test
    void sameSeedsGiveTheSameData() {
        assertThat(SyntheticBlobs.generate(3, 5, 1L, 2L).features().values())
                .isEqualTo(SyntheticBlobs.generate(3, 5, 1L, 2L).features().values());
        assertThat(SyntheticBlobs.generate(3, 5, 1L, 3L).features().values())
                .isNotEqualTo(SyntheticBlobs.generate(3, 5, 1L, 2L).features().values());
    }

    @Test
    void classesAreSeparableByTheirTrainingMeans() {
        // The contract asserts accuracy well above chance; that is only fair if the blobs really are separable.
        FeatureSet train = SyntheticBlobs.generate(3, 20, 5L, 1L);
        FeatureSet test = SyntheticBlobs.generate(3, 30, 5L, 2L);
        int d = train.features().columns();
        double[][] means = new double[3][d];
        for (int i = 0; i < train.size(); i++) {
            for (int j = 0; j < d; j++) {
                means[train.labels()[i]][j] += train.features().get(i, j) / 20.0;
            }
        }
        int correct = 0;
        for (int i = 0; i < test.size(); i++) {
            int best = -1;
            double bestDistance = Double.POSITIVE_INFINITY;
            for (int c = 0; c < 3; c++) {
                double dist = 0;
                for (int j = 0; j < d; j++) {
                    double diff = test.features().get(i, j) - means[c][j];
                    dist += diff * diff;
                }
                if (dist < bestDistance) {
                    bestDistance = dist;
                    best = c;
                }
            }
            correct += best == test.labels()[i] ? 1 : 0;
        }
        assertThat(correct).isGreaterThanOrEqualTo(85);
    }
}
