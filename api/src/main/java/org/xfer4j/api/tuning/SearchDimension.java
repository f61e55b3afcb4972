package org.xfer4j.api.tuning;

/** One option a hyper-parameter search varies: a numeric range or a list of choices. */
public sealed interface SearchDimension permits NumericRange, Choice {

    /** The option key, as in the provider's key=value properties. */
    String option();
}
