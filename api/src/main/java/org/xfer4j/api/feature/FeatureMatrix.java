package org.xfer4j.api.feature;

import java.util.ArrayList;
import java.util.List;
import org.xfer4j.api.InvalidInputException;

/** A float32 matrix of features, one row per example, that remembers which columns came from which layer. */
public final class FeatureMatrix {

    private final int rows;
    private final int columns;
    private final float[] values;
    private final List<LayerBlock> blocks;

    /**
     * A matrix over row-major {@code values} (not copied). The blocks must tile [0, columns) in order.
     */
    public FeatureMatrix(int rows, int columns, float[] values, List<LayerBlock> blocks) {
        if (rows < 0 || columns < 0 || (long) rows * columns != values.length) {
            throw new InvalidInputException("feature matrix " + rows + "x" + columns + " needs "
                    + ((long) rows * columns) + " values, got " + values.length);
        }
        int next = 0;
        for (LayerBlock b : blocks) {
            if (b.start() != next) {
                throw new InvalidInputException("layer blocks must tile the columns in order; " + b.layer()
                        + " starts at " + b.start() + ", expected " + next);
            }
            next = b.end();
        }
        if (next != columns) {
            throw new InvalidInputException("layer blocks cover " + next + " of " + columns + " columns");
        }
        this.rows = rows;
        this.columns = columns;
        this.values = values;
        this.blocks = List.copyOf(blocks);
    }

    /** A matrix whose columns all come from one unnamed block. */
    public static FeatureMatrix of(float[][] rows) {
        int n = rows.length;
        int d = n == 0 ? 0 : rows[0].length;
        float[] v = new float[n * d];
        for (int i = 0; i < n; i++) {
            if (rows[i].length != d) {
                throw new InvalidInputException("row " + i + " has " + rows[i].length + " features, row 0 has " + d);
            }
            System.arraycopy(rows[i], 0, v, i * d, d);
        }
        return new FeatureMatrix(n, d, v, List.of(new LayerBlock("features", 0, d)));
    }

    /** Number of rows (examples). */
    public int rows() {
        return rows;
    }

    /** Number of columns (features). */
    public int columns() {
        return columns;
    }

    /** The backing row-major values. */
    public float[] values() {
        return values;
    }

    /** Which columns came from which layer. */
    public List<LayerBlock> blocks() {
        return blocks;
    }

    /** The value at row {@code r}, column {@code c}. */
    public float get(int r, int c) {
        return values[r * columns + c];
    }

    /** A copy of row {@code r}. */
    public float[] row(int r) {
        float[] out = new float[columns];
        System.arraycopy(values, r * columns, out, 0, columns);
        return out;
    }

    /** Row {@code r} as doubles. */
    public double[] rowAsDoubles(int r) {
        double[] out = new double[columns];
        int off = r * columns;
        for (int c = 0; c < columns; c++) {
            out[c] = values[off + c];
        }
        return out;
    }

    /** Every row as doubles (for libraries that want double[][]). */
    public double[][] toDoubleRows() {
        double[][] out = new double[rows][];
        for (int r = 0; r < rows; r++) {
            out[r] = rowAsDoubles(r);
        }
        return out;
    }

    /** The rows at {@code indices}, in that order. */
    public FeatureMatrix selectRows(int[] indices) {
        float[] v = new float[indices.length * columns];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(values, indices[i] * columns, v, i * columns, columns);
        }
        return new FeatureMatrix(indices.length, columns, v, blocks);
    }

    /**
     * The columns that came from {@code layer}, as a matrix of their own (SPI 1.2).
     *
     * @throws InvalidInputException naming the layers it has when it has no block of {@code layer}
     */
    public FeatureMatrix layer(String layer) {
        LayerBlock b = blocks.stream().filter(x -> x.layer().equals(layer)).findFirst()
                .orElseThrow(() -> new InvalidInputException("no features of layer " + layer + "; layers: "
                        + blocks.stream().map(LayerBlock::layer).toList()));
        float[] v = new float[rows * b.width()];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(values, r * columns + b.start(), v, r * b.width(), b.width());
        }
        return new FeatureMatrix(rows, b.width(), v, List.of(new LayerBlock(layer, 0, b.width())));
    }

    /** This matrix and {@code other} side by side (same rows); blocks of both are kept. */
    public FeatureMatrix concatColumns(FeatureMatrix other) {
        if (other.rows != rows) {
            throw new InvalidInputException("cannot join " + rows + " rows with " + other.rows + " rows");
        }
        int d = columns + other.columns;
        float[] v = new float[rows * d];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(values, r * columns, v, r * d, columns);
            System.arraycopy(other.values, r * other.columns, v, r * d + columns, other.columns);
        }
        List<LayerBlock> b = new ArrayList<>(blocks);
        for (LayerBlock ob : other.blocks) {
            b.add(new LayerBlock(ob.layer(), ob.start() + columns, ob.end() + columns));
        }
        return new FeatureMatrix(rows, d, v, b);
    }

    /**
     * Throws {@link InvalidInputException} naming the first row and column that hold NaN or infinity,
     * and the layer the column came from.
     */
    public FeatureMatrix requireFinite(String what) {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                int r = i / columns;
                int c = i % columns;
                String layer = blocks.stream().filter(b -> c >= b.start() && c < b.end())
                        .map(LayerBlock::layer).findFirst().orElse("?");
                throw new InvalidInputException(what + ": feature at row " + r + ", column " + c + " (layer "
                        + layer + ") is " + values[i]);
            }
        }
        return this;
    }
}
