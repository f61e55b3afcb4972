package org.xfer4j.meta.learners;

import java.util.Map;
import java.util.function.Function;
import org.xfer4j.api.BaseProvider;
import org.xfer4j.api.Options;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.meta.MetaLearner;
import org.xfer4j.api.meta.MetaLearnerProvider;

/** What the built-in meta-learner providers share: typed options, and the learner they make from a rule. */
abstract class LearnerProvider<O extends LearnerOptions> extends BaseProvider<O> implements MetaLearnerProvider {

    LearnerProvider(String id, String description, Class<O> type, O defaults,
            Function<Map<String, String>, O> parser) {
        super(id, description, type, defaults, parser);
    }

    @Override
    public final MetaLearner create(Options options, ProviderContext context) {
        O o = typed(options);
        return new GradientMetaLearner(id(), o.meta(), rule(o), context);
    }

    /** The method's outer rule for {@code options}. */
    abstract OuterRule rule(O options);
}
