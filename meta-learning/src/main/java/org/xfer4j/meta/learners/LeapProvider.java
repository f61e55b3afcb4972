package org.xfer4j.meta.learners;

/** The {@code leap} meta-learner. */
public final class LeapProvider extends LearnerProvider<LeapOptions> {

    public LeapProvider() {
        super("leap", "Leap (Flennerhag et al., 2019): shortens the tasks' inner-loop paths over the loss surface (path length or energy)", LeapOptions.class, LeapOptions.DEFAULTS, LeapOptions::parse);
    }

    @Override
    OuterRule rule(LeapOptions options) {
        return new LeapRule(options.norm(), options.lossTerm());
    }
}
