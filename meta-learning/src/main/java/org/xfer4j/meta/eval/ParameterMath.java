package org.xfer4j.meta.eval;

import java.util.LinkedHashMap;
import java.util.Map;
import org.xfer4j.api.data.Tensor;
import org.xfer4j.api.meta.Parameters;

/** Arithmetic on named parameter tensors, for the plain SGD of meta-testing and the transfer of trained layers. */
final class ParameterMath {

    private ParameterMath() {
    }

    /** {@code p + scale * direction}, tensor by tensor. */
    static Parameters step(Parameters p, Parameters direction, double scale) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        p.tensors().forEach((name, t) -> {
            float[] v = t.floats().clone();
            float[] d = direction.tensors().get(name).floats();
            for (int i = 0; i < v.length; i++) {
                v[i] += (float) (scale * d[i]);
            }
            out.put(name, Tensor.ofFloats(v, t.shape()));
        });
        return new Parameters(out);
    }

    /**
     * {@code target} with every tensor replaced by the one of {@code source} of the same name and shape: the layers two
     * nets share, leaving those that differ (an output layer for another number of classes) as they were.
     */
    static Parameters transfer(Parameters source, Parameters target) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        target.tensors().forEach((name, t) -> {
            Tensor s = source.tensors().get(name);
            out.put(name, s != null && java.util.Arrays.equals(s.shape(), t.shape()) ? s : t);
        });
        return new Parameters(out);
    }
}
