package org.xfer4j.meta.learners;

import java.util.List;
import java.util.Set;

/** What distinguishes the meta-learners: the direction the outer optimiser descends, from a batch of adaptations. */
interface OuterRule {

    /** What each task's inner loop must report besides the adapted parameters and losses. */
    Set<Need> needs();

    /** The meta-gradient at {@code theta} from the tasks' {@code outcomes} (the outer optimiser descends it). */
    Flat direction(Flat theta, List<Outcome> outcomes);

    /** The mean of {@code vectors}. */
    static Flat mean(Flat like, List<Flat> vectors) {
        Flat sum = like.zeros();
        for (Flat v : vectors) {
            sum.addScaled(1.0 / vectors.size(), v);
        }
        return sum;
    }
}
