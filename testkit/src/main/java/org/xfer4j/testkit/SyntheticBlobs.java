package org.xfer4j.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.xfer4j.api.feature.FeatureMatrix;
import org.xfer4j.api.feature.FeatureSet;
import org.xfer4j.api.feature.LayerBlock;

/**
 * Seeded synthetic features: well-separated Gaussian blobs, one per class, spread over several layer blocks whose
 * scales differ (as activations of different layers do), with examples of all classes interleaved.
 */
public final class SyntheticBlobs {

    /** Widths of the layer blocks, in column order. */
    private static final int[] BLOCK_WIDTHS = {4, 2, 3};
    /** Scale of each block's values: later layers of real networks have larger or smaller activations. */
    private static final double[] BLOCK_SCALES = {1.0, 10.0, 0.1};
    private static final String[] BLOCK_NAMES = {"conv1", "pool2", "fc3"};
    /** Spread of class centres in units of the per-feature noise (1): centres land several sigmas apart. */
    private static final double CENTRE_SPREAD = 4.0;

    private SyntheticBlobs() {
    }

    /** The number of feature columns (the sum of the block widths). */
    public static int featureCount() {
        int d = 0;
        for (int w : BLOCK_WIDTHS) {
            d += w;
        }
        return d;
    }

    /**
     * {@code perClass} examples of each of {@code classes} classes (named "class0"...). The class centres depend on
     * {@code centreSeed} only, the noise on {@code noiseSeed}, so a training and a test set share centres.
     */
    public static FeatureSet generate(int classes, int perClass, long centreSeed, long noiseSeed) {
        int d = featureCount();
        Random centreRandom = new Random(centreSeed);
        double[][] centres = new double[classes][d];
        for (double[] c : centres) {
            for (int j = 0; j < d; j++) {
                c[j] = CENTRE_SPREAD * centreRandom.nextGaussian();
            }
        }
        Random noise = new Random(noiseSeed);
        int n = classes * perClass;
        float[] values = new float[n * d];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int y = i % classes;
            labels[i] = y;
            int col = 0;
            for (int b = 0; b < BLOCK_WIDTHS.length; b++) {
                for (int k = 0; k < BLOCK_WIDTHS[b]; k++, col++) {
                    values[i * d + col] = (float) (BLOCK_SCALES[b] * (centres[y][col] + noise.nextGaussian()));
                }
            }
        }
        List<LayerBlock> blocks = new ArrayList<>();
        int start = 0;
        for (int b = 0; b < BLOCK_WIDTHS.length; b++) {
            blocks.add(new LayerBlock(BLOCK_NAMES[b], start, start + BLOCK_WIDTHS[b]));
            start += BLOCK_WIDTHS[b];
        }
        List<String> names = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            names.add("class" + c);
        }
        return new FeatureSet(new FeatureMatrix(n, d, values, blocks), labels, names);
    }
}
