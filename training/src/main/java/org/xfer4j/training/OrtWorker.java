package org.xfer4j.training;

import ai.onnxruntime.OrtException;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.xfer4j.api.XferException;
import org.xfer4j.runtime.onnx.OrtRuntime;

/**
 * One long-lived thread with ONNX Runtime's big stack for a session that runs many small steps: starting a fresh
 * thread per run ({@link OrtRuntime#onOrtThread}) costs 0.1-0.5 ms here, as much as a training step of a small head.
 */
final class OrtWorker implements AutoCloseable {

    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(null, r, "xfer4j-train", OrtRuntime.ORT_THREAD_STACK);
        t.setDaemon(true);
        return t;
    });

    /** Runs {@code work} on the worker thread; its exceptions reach the caller unchanged. */
    <T> T call(Callable<T> work) throws OrtException {
        Future<T> f = thread.submit(work);
        try {
            return f.get();
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            throw new XferException("interrupted while ONNX Runtime was working", e);
        } catch (ExecutionException e) {
            switch (e.getCause()) {
                case OrtException o -> throw o;
                case RuntimeException r -> throw r;
                case Error err -> throw err;
                default -> throw new XferException(e.getCause().getMessage(), e.getCause());
            }
        }
    }

    @Override
    public void close() {
        thread.shutdown();
    }
}
