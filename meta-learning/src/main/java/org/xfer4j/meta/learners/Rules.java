package org.xfer4j.meta.learners;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** The outer rules of Reptile, first- and second-order MAML. */
final class Rules {

    private Rules() {
    }

    /** Reptile: theta minus the mean adapted parameters (so SGD at step size b moves b of the way towards them). */
    static final OuterRule REPTILE = new OuterRule() {
        @Override
        public Set<Need> needs() {
            return EnumSet.noneOf(Need.class);
        }

        @Override
        public Flat direction(Flat theta, List<Outcome> outcomes) {
            return theta.minus(OuterRule.mean(theta, outcomes.stream().map(Outcome::adapted).toList()));
        }
    };

    /** MAML: the mean query gradient, at the adapted parameters (first order) or through the inner loop. */
    static OuterRule maml(boolean firstOrder) {
        return maml(firstOrder, 0);
    }

    /**
     * MAML with each task's query gradient scaled down to norm {@code clipNorm} where longer (0: not clipped): second
     * order through inner steps that overshoot the support loss's curvature multiplies a task's gradient by up to
     * 100 in a few directions of its own (bench/README), which then steer the mean.
     */
    static OuterRule maml(boolean firstOrder, double clipNorm) {
        return new OuterRule() {
            @Override
            public Set<Need> needs() {
                return EnumSet.of(firstOrder ? Need.QUERY_GRADIENT : Need.META_GRADIENT);
            }

            @Override
            public Flat direction(Flat theta, List<Outcome> outcomes) {
                return OuterRule.mean(theta, outcomes.stream().map(o -> clipped(o.outerGradient(), clipNorm))
                        .toList());
            }
        };
    }

    /** {@code g} scaled to norm {@code limit} where longer; {@code g} itself where not, or where limit is 0. */
    static Flat clipped(Flat g, double limit) {
        double norm = Math.sqrt(g.squaredNorm());
        if (limit <= 0 || norm <= limit) {
            return g;
        }
        Flat c = g.zeros();
        c.addScaled(limit / norm, g);
        return c;
    }
}
