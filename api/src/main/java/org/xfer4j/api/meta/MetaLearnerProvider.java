package org.xfer4j.api.meta;

import java.util.Map;
import org.xfer4j.api.Options;
import org.xfer4j.api.Provider;
import org.xfer4j.api.ProviderContext;

/** A meta-learning method such as "reptile", "fomaml", "maml" or "leap"; found through ServiceLoader. */
public interface MetaLearnerProvider extends Provider {

    /** The options used when the user names none. */
    Options defaultOptions();

    /** Typed options from key=value properties; unknown keys are an error naming them. */
    Options parseOptions(Map<String, String> properties);

    /** A learner configured with {@code options}. */
    MetaLearner create(Options options, ProviderContext context);
}
