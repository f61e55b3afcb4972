package org.xfer4j.runtime.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.xfer4j.api.Device;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.XferException;
import org.xfer4j.api.data.DType;
import org.xfer4j.api.data.Tensor;

/**
 * The process-wide ONNX Runtime environment and the one way Xfer4j opens sessions: options from a
 * {@link ProviderContext}, graph bytes in, an {@link OrtModelSession} out.
 */
public final class OrtRuntime {

    /** Stack size of the threads that run ONNX Runtime: big graphs overflow the default 1 MB stack natively. */
    public static final long ORT_THREAD_STACK = 16L << 20;

    /**
     * System property naming a file prefix: sessions opened while it is set record ONNX Runtime's profile (every
     * node's kernel time, as Chrome trace JSON), written to {@code <prefix>_<date>.json} when the session closes.
     */
    public static final String PROFILE_PROPERTY = "xfer4j.ort.profile";

    private static volatile OrtEnvironment environment;

    private OrtRuntime() {
    }

    /** The environment, created on first use and kept for the life of the process (ONNX Runtime allows one). */
    public static OrtEnvironment environment() {
        OrtEnvironment e = environment;
        if (e == null) {
            synchronized (OrtRuntime.class) {
                e = environment;
                if (e == null) {
                    try {
                        e = OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR, "xfer4j");
                        NativeLibraryFolder.remove();
                    } catch (RuntimeException | UnsatisfiedLinkError err) {
                        throw new XferException("cannot load ONNX Runtime: " + err.getMessage(), err);
                    }
                    environment = e;
                }
            }
        }
        return e;
    }

    /**
     * A session over the serialised graph {@code model} on {@code context.device()} with {@code context.threads()}
     * intra-op threads (0 = the runtime's choice).
     *
     * @param what names the graph in error messages
     * @throws DeviceUnavailableException when CUDA is requested and this build or machine cannot provide it
     */
    public static OrtModelSession open(byte[] model, String what, ProviderContext context) {
        return open(model, what, context, false);
    }

    /**
     * {@link #open(byte[], String, ProviderContext)}, optionally without ONNX Runtime's memory-pattern planning: a
     * training-step graph run with it holds the planned block and the first run's buffers at once (5.6 GB instead
     * of 3.1 GB for MobileNetV2 at batch 32).
     */
    public static OrtModelSession open(byte[] model, String what, ProviderContext context, boolean noMemoryPattern) {
        return open(model, what, context, noMemoryPattern, false);
    }

    /**
     * {@link #open(byte[], String, ProviderContext, boolean)}, optionally without ONNX Runtime's layout rewrites
     * (optimisation level extended instead of all): they turn only constant-kernel convs into its NCHWc kernels, so
     * in a graph whose convs read their kernels as inputs they add reorders around pooling and resizing, and pad a
     * rule's small constant kernel (9 identity filters) to the block size and reorder its output back.
     */
    public static OrtModelSession open(byte[] model, String what, ProviderContext context, boolean noMemoryPattern,
            boolean noLayoutRewrites) {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        try {
            if (context.threads() > 0) {
                options.setIntraOpNumThreads(context.threads());
            }
            if (noMemoryPattern) {
                options.setMemoryPatternOptimization(false);
            }
            if (noLayoutRewrites) {
                options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.EXTENDED_OPT);
            }
            String profile = System.getProperty(PROFILE_PROPERTY);
            if (profile != null && !profile.isBlank()) {
                options.enableProfiling(profile);
            }
            addDevice(options, context.device());
            OrtSession session = onOrtThread(() -> environment().createSession(model, options));
            return new OrtModelSession(session, options);
        } catch (OrtException e) {
            options.close();
            throw new XferException("ONNX Runtime cannot load " + what + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            options.close();
            throw e;
        }
    }

    /** {@code t} as an ONNX Runtime tensor (float32 or int64); the caller closes it. */
    public static OnnxTensor tensor(Tensor t) throws OrtException {
        return t.dtype() == DType.INT64
                ? OnnxTensor.createTensor(environment(), LongBuffer.wrap(t.longs()), t.shape())
                : OnnxTensor.createTensor(environment(), FloatBuffer.wrap(t.floats()), t.shape());
    }

    /** {@link #tensor(Tensor)}, added to {@code owned}, the tensors the caller closes when done. */
    public static OnnxTensor tensor(Tensor t, List<OnnxTensor> owned) throws OrtException {
        OnnxTensor o = tensor(t);
        owned.add(o);
        return o;
    }

    /**
     * Checks that sessions can run on {@code device}, so a missing GPU is reported before any work starts.
     *
     * @throws DeviceUnavailableException when CUDA is requested and this build or machine cannot provide it
     */
    public static void requireDevice(Device device) {
        environment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            addDevice(options, device);
        }
    }

    private static void addDevice(OrtSession.SessionOptions options, Device device) {
        if (device.kind() != Device.Kind.CUDA) {
            return;
        }
        try {
            options.addCUDA(device.index());
        } catch (OrtException | RuntimeException | LinkageError e) {
            throw new DeviceUnavailableException("CUDA requested but not available: " + e.getMessage()
                    + "; build with -Pcuda and install CUDA 12 + cuDNN 9", e);
        }
    }

    /**
     * Runs {@code work} on a fresh thread with a {@link #ORT_THREAD_STACK} stack and returns its result; its
     * exceptions reach the caller unchanged. An interrupt of the caller interrupts the work and is kept, but the
     * caller still waits for the work to stop, so nothing it uses is closed under it.
     */
    public static <T> T onOrtThread(Callable<T> work) throws OrtException {
        return onOrtThreads(List.of(work)).getFirst();
    }

    /**
     * {@link #onOrtThread(Callable)} for several pieces of work at once, each on its own thread; returns their
     * results in order once all have stopped, or throws the first failure (in {@code works} order).
     */
    public static <T> List<T> onOrtThreads(List<? extends Callable<T>> works) throws OrtException {
        List<AtomicReference<T>> results = new ArrayList<>();
        List<AtomicReference<Throwable>> failures = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (Callable<T> work : works) {
            AtomicReference<T> result = new AtomicReference<>();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread t = new Thread(null, () -> {
                try {
                    result.set(work.call());
                } catch (Throwable e) { // handed to the caller below
                    failure.set(e);
                }
            }, "xfer4j-ort", ORT_THREAD_STACK);
            t.setDaemon(true);
            results.add(result);
            failures.add(failure);
            threads.add(t);
        }
        threads.forEach(Thread::start);
        boolean interrupted = false;
        for (Thread t : threads) {
            while (t.isAlive()) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    // pass the interrupt on, but wait: the caller may close the session the work still uses
                    threads.forEach(Thread::interrupt);
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        for (AtomicReference<Throwable> failure : failures) {
            switch (failure.get()) {
                case null -> {
                }
                case OrtException e -> throw e;
                case RuntimeException e -> throw e;
                case Error e -> throw e;
                case Throwable f -> throw new XferException(f.getMessage(), f);
            }
        }
        return results.stream().map(AtomicReference::get).toList();
    }
}
