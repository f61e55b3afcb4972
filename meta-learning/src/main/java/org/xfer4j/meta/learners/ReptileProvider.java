package org.xfer4j.meta.learners;

/** The {@code reptile} meta-learner. */
public final class ReptileProvider extends LearnerProvider<PlainOptions> {

    public ReptileProvider() {
        super("reptile", "Reptile (Nichol et al., 2018): moves the initialisation towards each task's adapted parameters; serial (metaBatch=1) or batched", PlainOptions.class, PlainOptions.REPTILE,
                p -> PlainOptions.parse("reptile", PlainOptions.REPTILE, p));
    }

    @Override
    OuterRule rule(PlainOptions options) {
        return Rules.REPTILE;
    }
}
