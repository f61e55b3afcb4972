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
        return new OuterRule() {
            @Override
            public Set<Need> needs() {
                return EnumSet.of(firstOrder ? Need.QUERY_GRADIENT : Need.META_GRADIENT);
            }

            @Override
            public Flat direction(Flat theta, List<Outcome> outcomes) {
                return OuterRule.mean(theta, outcomes.stream().map(Outcome::outerGradient).toList());
            }
        };
    }
}
