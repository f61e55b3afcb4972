package org.xfer4j.meta.learners;

import org.xfer4j.api.Options;

/** The options record of a built-in meta-learner: the shared {@link MetaOptions} plus the method's own. */
public sealed interface LearnerOptions extends Options
        permits PlainOptions, MamlOptions, LeapOptions {

    /** The options every learner shares. */
    MetaOptions meta();
}
