package org.xfer4j.repurposers.metamodel.gp;

import org.xfer4j.api.feature.LayerBlock;
import org.xfer4j.api.repurpose.OnnxHead;
import org.xfer4j.repurposers.metamodel.internal.Vectors;

/**
 * ONNX operators for one layer block's geometry between the rows of a graph value and constant rows: the cross
 * products and the squared distances max(0, |x|^2 + |z|^2 - 2 x.z), as the kernels compute them in Java.
 *
 * @param cross     [N, m] products x_b . z_b
 * @param distances [N, m] squared distances over the block
 */
record BlockGeometry(String cross, String distances) {

    /** The geometry of {@code block} between {@code x} ([N, width]) and the {@code m} rows of {@code z}. */
    static BlockGeometry of(OnnxHead h, String x, double[] z, int m, int width, LayerBlock block) {
        int w = block.width();
        double[] transposed = new double[w * m];
        double[] norms = new double[m];
        for (int k = 0; k < m; k++) {
            int off = k * width + block.start();
            norms[k] = Vectors.dot(z, off, z, off, w);
            for (int j = 0; j < w; j++) {
                transposed[j * m + k] = z[off + j];
            }
        }
        String xb = h.columns(x, block.start(), block.end());
        String xNorm = h.reduce("ReduceSum", h.op("Mul", xb, xb), true, 1);
        String cross = h.op("MatMul", xb, h.constant(transposed, w, m));
        String d2 = h.op("Sub", h.op("Add", xNorm, h.constant(norms, m)),
                h.op("Mul", h.constant(new double[] {2}), cross));
        return new BlockGeometry(cross, h.op("Max", d2, h.constant(new double[] {0})));
    }
}
