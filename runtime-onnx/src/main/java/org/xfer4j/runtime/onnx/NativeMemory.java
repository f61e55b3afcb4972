package org.xfer4j.runtime.onnx;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/**
 * Hands memory that ONNX Runtime has freed back to the operating system. A closed session frees its buffers, but
 * glibc's allocator keeps freed blocks in its per-thread arenas, so a process that trains one model after another
 * grew by hundreds of megabytes per training (FinetuneMemoryBench); {@code malloc_trim} returns the free pages.
 * Does nothing where the C library has no {@code malloc_trim} (not glibc) or this module may not call native code
 * ({@code --enable-native-access=org.xfer4j.runtime.onnx}, or {@code ALL-UNNAMED} on the class path).
 */
public final class NativeMemory {

    private static final Optional<MethodHandle> TRIM = find();

    private NativeMemory() {
    }

    private static Optional<MethodHandle> find() {
        if (!NativeMemory.class.getModule().isNativeAccessEnabled()) {
            return Optional.empty(); // calling anyway would print the JDK's warning to the user's console
        }
        try {
            Linker linker = Linker.nativeLinker();
            return linker.defaultLookup().find("malloc_trim").map(f -> linker.downcallHandle(f,
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG)));
        } catch (RuntimeException | LinkageError e) {
            return Optional.empty();
        }
    }

    /** Whether {@link #release()} can return memory here. */
    public static boolean releases() {
        return TRIM.isPresent();
    }

    /** Returns the allocator's free memory to the operating system, where it can; call after closing big sessions. */
    public static void release() {
        TRIM.ifPresent(trim -> {
            try {
                int ignored = (int) trim.invokeExact(0L);
            } catch (Throwable e) {
                // only a hint to the allocator: failing to trim loses nothing
            }
        });
    }
}
