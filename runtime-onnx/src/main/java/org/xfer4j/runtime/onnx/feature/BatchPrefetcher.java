package org.xfer4j.runtime.onnx.feature;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.xfer4j.api.Progress;
import org.xfer4j.api.XferException;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.data.Sample;
import org.xfer4j.api.data.Tensor;
import org.xfer4j.api.model.Preprocessor;

/**
 * Reads and prepares the batches of a dataset in order, on its own threads, up to one batch per thread ahead of the
 * consumer, so decoding and preprocessing overlap with inference while memory stays bounded by a few batches.
 * With no threads each batch is prepared by the thread asking for it. Consumers may share one prefetcher: each
 * batch goes to exactly one of them.
 */
final class BatchPrefetcher implements AutoCloseable {

    /** The graph inputs of examples {@code from} to {@code from + size - 1}. */
    record Batch(int from, int size, Map<String, Tensor> inputs) {
    }

    private final Dataset data;
    private final int batchSize;
    private final Preprocessor preprocessor;
    private final ExecutorService workers;
    private final int ahead;
    private final Deque<Future<Batch>> queued = new ArrayDeque<>();
    private int nextFrom;

    BatchPrefetcher(Dataset data, int batchSize, Preprocessor preprocessor, int threads) {
        this.data = data;
        this.batchSize = batchSize;
        this.preprocessor = preprocessor;
        this.ahead = threads;
        this.workers = threads == 0 ? null : Executors.newFixedThreadPool(threads, r -> {
            // the native tokenizer can overflow a default 1 MB stack (hosts such as Spark's executors set no -Xss)
            Thread t = new Thread(null, r, "xfer4j-prefetch", org.xfer4j.runtime.onnx.OrtRuntime.ORT_THREAD_STACK);
            t.setDaemon(true);
            return t;
        });
    }

    /** The next batch, or null when every example has been handed out. */
    Batch next() {
        if (workers == null) {
            int from;
            synchronized (this) {
                from = nextFrom;
                nextFrom = Math.min(data.size(), from + batchSize);
            }
            return from < data.size() ? prepare(from) : null; // prepared outside the lock, alongside other consumers
        }
        synchronized (this) {
            fill();
            if (queued.isEmpty()) {
                return null;
            }
            try {
                return queued.removeFirst().get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // an interrupt cancels the extraction, as between batches
                throw new Progress.CancelledException();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r
                        : new XferException("preparing a batch failed: " + e.getCause(), e.getCause());
            } finally {
                fill();
            }
        }
    }

    private void fill() {
        while (queued.size() < ahead && nextFrom < data.size()) {
            int from = nextFrom;
            queued.addLast(workers.submit(() -> prepare(from)));
            nextFrom = Math.min(data.size(), from + batchSize);
        }
    }

    private Batch prepare(int from) {
        int to = Math.min(data.size(), from + batchSize);
        List<Sample> samples = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            samples.add(data.sample(i));
        }
        return new Batch(from, samples.size(), preprocessor.prepare(samples));
    }

    /** Stops the threads; batches still being prepared are abandoned. */
    @Override
    public void close() {
        if (workers != null) {
            workers.shutdownNow();
        }
    }
}
