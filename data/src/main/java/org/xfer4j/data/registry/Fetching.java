package org.xfer4j.data.registry;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Whether the code running may download from a package registry. By default it may; code acting on untrusted input
 * (an artifact naming its source model) runs {@link #offline} so that a missing package fails with a message instead
 * of being fetched, or {@link #announced} so that every download is said before it starts.
 */
public final class Fetching {

    /** How downloads are treated inside a scope. */
    private record Policy(String refusal, Consumer<String> announcer) {
    }

    private static final ScopedValue<Policy> POLICY = ScopedValue.newInstance();

    private Fetching() {
    }

    /**
     * Runs {@code work} where every download is refused with a {@link FetchException} naming what would be fetched,
     * followed by {@code hint} (how to allow it).
     */
    public static <T> T offline(String hint, Supplier<T> work) {
        return ScopedValue.where(POLICY, new Policy(hint, null)).call(work::get);
    }

    /** Runs {@code work} where every download is first described to {@code announcer}. */
    public static <T> T announced(Consumer<String> announcer, Supplier<T> work) {
        return ScopedValue.where(POLICY, new Policy(null, announcer)).call(work::get);
    }

    /**
     * Called before a download of {@code what} ("Maven artifact g:a:v from Maven Central").
     *
     * @throws FetchException when downloads are refused here
     */
    static void before(String what) {
        if (!POLICY.isBound()) {
            return;
        }
        Policy p = POLICY.get();
        if (p.refusal() != null) {
            throw new FetchException(what + " is not in the cache, and fetching it was not allowed; " + p.refusal());
        }
        p.announcer().accept("fetching " + what);
    }
}
