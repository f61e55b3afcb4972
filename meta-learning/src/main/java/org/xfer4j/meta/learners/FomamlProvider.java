package org.xfer4j.meta.learners;

/** The {@code fomaml} meta-learner. */
public final class FomamlProvider extends LearnerProvider<PlainOptions> {

    public FomamlProvider() {
        super("fomaml", "first-order MAML: descends the query gradient at the adapted parameters", PlainOptions.class, PlainOptions.FOMAML,
                p -> PlainOptions.parse("fomaml", PlainOptions.FOMAML, p));
    }

    @Override
    OuterRule rule(PlainOptions options) {
        return Rules.maml(true);
    }
}
