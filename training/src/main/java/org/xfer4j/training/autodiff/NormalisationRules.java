package org.xfer4j.training.autodiff;

import java.util.Map;

/**
 * LayerNormalization (statistics over the trailing axes from {@code axis}, recomputed from standard operators so the
 * rule differentiates again), and BatchNormalization with its running statistics as constants of the step (inference form): y = scale (x - mean) /
 * sqrt(var + eps) + bias, differentiated in x, scale, bias and, where asked, mean and var.
 */
final class NormalisationRules {

    private NormalisationRules() {
    }

    static void register(Map<String, GradientRule> r) {
        r.put("BatchNormalization", NormalisationRules::batchNorm);
        r.put("LayerNormalization", NormalisationRules::layerNorm);
    }

    private static void batchNorm(RuleContext c) {
        if (c.attr("training_mode", 0L) == 1 || c.node().getOutputCount() > 1) {
            throw c.unsupported("training-mode BatchNormalization (batch statistics); use running statistics");
        }
        Emitter e = c.e();
        int rank = c.rank(c.in(0));
        long[] perChannel = new long[rank - 1];
        java.util.Arrays.fill(perChannel, 1);
        perChannel[0] = -1;
        String channelShape = e.ints(perChannel);
        long[] others = new long[rank - 1];
        others[0] = 0;
        for (int k = 2; k < rank; k++) {
            others[k - 1] = k;
        }
        String eps = c.scalar(c.attr("epsilon", 1e-5f));
        String inv = e.div(c.scalar(1), e.op("Sqrt", e.add(c.in(4), eps)));
        String centred = e.sub(c.in(0), e.reshape(c.in(3), channelShape));
        String dy = c.dy();
        if (c.needs(0)) {
            c.give(0, e.mul(dy, e.reshape(e.mul(c.in(1), inv), channelShape)));
        }
        if (c.needs(1)) {
            c.give(1, e.reduceSum(e.mul(dy, e.mul(centred, e.reshape(inv, channelShape))), false, others));
        }
        if (c.needs(2)) {
            c.give(2, e.reduceSum(dy, false, others));
        }
        if (c.needs(3)) {
            c.give(3, e.neg(e.mul(e.reduceSum(dy, false, others), e.mul(c.in(1), inv))));
        }
        if (c.needs(4)) {
            String cube = e.mul(inv, e.mul(inv, inv));
            c.give(4, e.mul(e.reduceSum(e.mul(dy, centred), false, others),
                    e.mul(e.mul(c.in(1), c.scalar(-0.5)), cube)));
        }
    }

    /**
     * y = xhat scale + bias with xhat = (x - mean) inv, inv = 1 / sqrt(var + eps): dx = inv (g - mean(g) - xhat
     * mean(g xhat)) where g = dy scale, means over the normalised axes; dscale = sum(dy xhat), dbias = sum(dy) over the
     * others.
     */
    private static void layerNorm(RuleContext c) {
        if (c.dy(1) != null || c.dy(2) != null) {
            throw c.unsupported("its mean or inverse standard deviation output feeds the loss");
        }
        Emitter e = c.e();
        String x = c.in(0);
        int rank = c.rank(x);
        int axis = (int) c.axis(c.attr("axis", -1L), x);
        long[] normalised = new long[rank - axis];
        long count = 1;
        for (int k = axis; k < rank; k++) {
            normalised[k - axis] = k;
            count *= c.shape(x)[k];
        }
        if (count <= 0) {
            throw c.unsupported("the normalised axes of " + x + " have no fixed size");
        }
        String n = c.scalar(count);
        String centred = e.sub(x, e.div(e.reduceSum(x, true, normalised), n));
        String variance = e.div(e.reduceSum(e.mul(centred, centred), true, normalised), n);
        String inv = e.div(c.scalar(1), e.op("Sqrt", e.add(variance, c.scalar(c.attr("epsilon", 1e-5f)))));
        String xhat = e.mul(centred, inv);
        String dy = c.dy();
        if (c.needs(0)) {
            String g = e.mul(dy, c.in(1));
            String meanG = e.div(e.reduceSum(g, true, normalised), n);
            String meanGx = e.div(e.reduceSum(e.mul(g, xhat), true, normalised), n);
            c.give(0, e.mul(inv, e.sub(e.sub(g, meanG), e.mul(xhat, meanGx))));
        }
        if (c.needs(1)) {
            c.give(1, c.unbroadcast(e.mul(dy, xhat), c.in(1)));
        }
        if (c.needs(2)) {
            c.give(2, c.unbroadcast(dy, c.in(2)));
        }
    }
}
