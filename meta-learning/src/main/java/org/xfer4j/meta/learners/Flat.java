package org.xfer4j.meta.learners;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.data.Tensor;
import org.xfer4j.api.meta.Parameters;

/** Parameter values as float arrays in a fixed order, for the arithmetic of inner and outer updates. */
final class Flat {

    final List<String> names;
    final List<long[]> shapes;
    final float[][] values;

    private Flat(List<String> names, List<long[]> shapes, float[][] values) {
        this.names = names;
        this.shapes = shapes;
        this.values = values;
    }

    /** A copy of {@code p}'s values. */
    static Flat of(Parameters p) {
        List<String> names = new ArrayList<>();
        List<long[]> shapes = new ArrayList<>();
        float[][] v = new float[p.tensors().size()][];
        int i = 0;
        for (Map.Entry<String, Tensor> e : p.tensors().entrySet()) {
            names.add(e.getKey());
            shapes.add(e.getValue().shape());
            v[i++] = e.getValue().floats().clone();
        }
        return new Flat(List.copyOf(names), List.copyOf(shapes), v);
    }

    /** {@code p}'s values in this vector's order. */
    Flat like(Parameters p) {
        float[][] v = new float[values.length][];
        for (int i = 0; i < v.length; i++) {
            Tensor t = p.tensors().get(names.get(i));
            if (t == null || t.size() != values[i].length) {
                throw new InvalidInputException("parameters lack " + names.get(i) + " or have another shape for it");
            }
            v[i] = t.floats().clone();
        }
        return new Flat(names, shapes, v);
    }

    /** A vector of the same layout holding {@code v} (not copied). */
    Flat with(float[][] v) {
        return new Flat(names, shapes, v);
    }

    /** Values laid out as this vector's, from one array holding every parameter flattened in order. */
    Flat unflatten(float[] all) {
        float[][] v = new float[values.length][];
        int at = 0;
        for (int i = 0; i < v.length; i++) {
            v[i] = java.util.Arrays.copyOfRange(all, at, at + values[i].length);
            at += values[i].length;
        }
        return new Flat(names, shapes, v);
    }

    Flat zeros() {
        float[][] v = new float[values.length][];
        for (int i = 0; i < v.length; i++) {
            v[i] = new float[values[i].length];
        }
        return new Flat(names, shapes, v);
    }

    Flat copy() {
        float[][] v = new float[values.length][];
        for (int i = 0; i < v.length; i++) {
            v[i] = values[i].clone();
        }
        return new Flat(names, shapes, v);
    }

    /** this += a * x. */
    void addScaled(double a, Flat x) {
        for (int i = 0; i < values.length; i++) {
            float[] t = values[i];
            float[] s = x.values[i];
            for (int k = 0; k < t.length; k++) {
                t[k] += (float) (a * s[k]);
            }
        }
    }

    /** this - x, as a new vector. */
    Flat minus(Flat x) {
        Flat d = copy();
        d.addScaled(-1, x);
        return d;
    }

    /** The squared Euclidean norm. */
    double squaredNorm() {
        double s = 0;
        for (float[] t : values) {
            for (float v : t) {
                s += (double) v * v;
            }
        }
        return s;
    }

    /** Whether every value is finite. */
    boolean finite() {
        for (float[] t : values) {
            for (float v : t) {
                if (!Float.isFinite(v)) {
                    return false;
                }
            }
        }
        return true;
    }

    Parameters toParameters() {
        Map<String, Tensor> m = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            m.put(names.get(i), Tensor.ofFloats(values[i].clone(), shapes.get(i)));
        }
        return new Parameters(m);
    }
}
