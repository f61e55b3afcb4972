package org.xfer4j.meta.learners;

/** The {@code maml} meta-learner. */
public final class MamlProvider extends LearnerProvider<MamlOptions> {

    public MamlProvider() {
        super("maml", "MAML (Finn et al., 2017): descends the query loss differentiated through the inner SGD "
                + "steps (second order unless firstOrder=true)",
                MamlOptions.class, MamlOptions.DEFAULTS, MamlOptions::parse);
    }

    @Override
    OuterRule rule(MamlOptions options) {
        return Rules.maml(options.firstOrder(), options.clipNorm());
    }
}
