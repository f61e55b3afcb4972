package org.xfer4j.data.split;

import java.util.List;

/**
 * A dataset's classes grouped by kind (characters by alphabet), with the groups its makers hold out for evaluation,
 * so few-shot tests can ask for whole groups never seen in training, as Omniglot's background/evaluation split does.
 */
public interface ClassGroups {

    /** The group of class {@code cls} (an index into the dataset's classes). */
    String group(int cls);

    /** Every group, in class order. */
    List<String> groups();

    /** The groups held out for evaluation; the others are for (meta-)training. */
    List<String> evaluationGroups();
}
