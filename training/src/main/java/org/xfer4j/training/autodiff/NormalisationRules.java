package org.xfer4j.training.autodiff;

import java.util.Map;

/**
 * BatchNormalization with its running statistics as constants of the step (inference form): y = scale (x - mean) /
 * sqrt(var + eps) + bias, differentiated in x, scale, bias and, where asked, mean and var.
 */
final class NormalisationRules {

    private NormalisationRules() {
    }

    static void register(Map<String, GradientRule> r) {
        r.put("BatchNormalization", NormalisationRules::batchNorm);
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
}
