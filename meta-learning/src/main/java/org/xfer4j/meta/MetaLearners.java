package org.xfer4j.meta;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.xfer4j.api.InvalidOptionException;
import org.xfer4j.api.meta.MetaLearnerProvider;

/**
 * Finds meta-learner providers ("reptile", "fomaml", "maml", "leap" and any plugin's) through ServiceLoader, for
 * callers without the host's registry.
 */
public final class MetaLearners {

    private MetaLearners() {
    }

    /** Every provider visible to this module's class loader. */
    public static List<MetaLearnerProvider> all() {
        List<MetaLearnerProvider> out = new ArrayList<>();
        ServiceLoader.load(MetaLearnerProvider.class, MetaLearners.class.getClassLoader()).forEach(out::add);
        return out;
    }

    /**
     * The provider with id {@code id}.
     *
     * @throws InvalidOptionException naming the method and the known ones when there is none
     */
    public static MetaLearnerProvider byId(String id) {
        List<MetaLearnerProvider> all = all();
        return all.stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow(() -> new InvalidOptionException(
                "unknown meta-learning method '" + id + "'; known: " + all.stream().map(MetaLearnerProvider::id)
                        .toList()));
    }
}
