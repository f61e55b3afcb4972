package org.xfer4j.runtime.onnx.image;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.InvalidOptionException;
import org.xfer4j.api.XferException;
import org.xfer4j.api.data.Sample;
import org.xfer4j.api.data.Tensor;
import org.xfer4j.api.model.Preprocessor;

/**
 * Turns {@link Sample.Image} samples into the NCHW (or NHWC) float32 input a model declares with an {@link ImageSpec};
 * grey images are replicated to RGB (and RGB averaged to grey with Rec. 601 weights for one-channel models). The
 * images of a batch are prepared on {@code threads} threads of the preprocessor's own pool.
 */
public final class ImagePreprocessor implements Preprocessor, AutoCloseable {

    private final String input;
    private final ImageSpec spec;
    private final int threads;
    private final boolean channelsLast;
    private final ForkJoinPool pool;

    /**
     * Prepares NCHW images for the graph input {@code input} with {@code threads} threads (1 prepares on the
     * caller's thread).
     */
    public ImagePreprocessor(String input, ImageSpec spec, int threads) {
        this(input, spec, threads, false);
    }

    /** As above, in NHWC layout (channels last, as Keras and TensorFlow exports want) when {@code channelsLast}. */
    public ImagePreprocessor(String input, ImageSpec spec, int threads, boolean channelsLast) {
        InvalidOptionException.require(threads >= 1, "image preprocessing threads must be >= 1, got " + threads);
        this.input = input;
        this.spec = spec;
        this.threads = threads;
        this.channelsLast = channelsLast;
        this.pool = threads > 1 ? new ForkJoinPool(threads) : null;
    }

    /** Whether images come out channels last (NHWC) rather than NCHW. */
    public boolean channelsLast() {
        return channelsLast;
    }

    /** The input, layout and every number of the {@link ImageSpec}. */
    @Override
    public Map<String, String> describe() {
        Map<String, String> d = new java.util.LinkedHashMap<>();
        d.put("kind", "image");
        d.put("input", input);
        d.put("layout", channelsLast ? "nhwc" : "nchw");
        d.put("spec", spec.toString());
        d.put("alignCorners", Boolean.toString(spec.alignCorners()));
        return d;
    }

    /** What this preprocessor produces. */
    public ImageSpec spec() {
        return spec;
    }

    /** The threads preparing one batch. */
    public int threads() {
        return threads;
    }

    @Override
    public Map<String, Tensor> prepare(List<Sample> batch) {
        float[] out = new float[batch.size() * spec.size()];
        IntStream each = IntStream.range(0, batch.size());
        if (pool == null || batch.size() < 2) {
            each.forEach(i -> prepareOne(batch.get(i), i, out));
        } else {
            try {
                pool.submit(() -> each.parallel().forEach(i -> prepareOne(batch.get(i), i, out))).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new XferException("interrupted while preparing images", e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r
                        : new XferException("image preprocessing failed: " + e.getCause(), e.getCause());
            }
        }
        if (channelsLast) {
            return Map.of(input, Tensor.ofFloats(toChannelsLast(out, batch.size()), batch.size(), spec.height(),
                    spec.width(), spec.channels()));
        }
        return Map.of(input, Tensor.ofFloats(out, batch.size(), spec.channels(), spec.height(), spec.width()));
    }

    private float[] toChannelsLast(float[] nchw, int n) {
        int c = spec.channels();
        int plane = spec.height() * spec.width();
        float[] nhwc = new float[nchw.length];
        for (int i = 0; i < n; i++) {
            int base = i * spec.size();
            for (int ch = 0; ch < c; ch++) {
                for (int p = 0; p < plane; p++) {
                    nhwc[base + p * c + ch] = nchw[base + ch * plane + p];
                }
            }
        }
        return nhwc;
    }

    private void prepareOne(Sample sample, int index, float[] out) {
        if (!(sample instanceof Sample.Image img)) {
            throw new InvalidInputException("image input " + input + " needs image samples, example " + index
                    + " is " + sample.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT));
        }
        byte[] px = img.pixels();
        int srcChannels = img.channels();
        if (spec.channels() == 1 && srcChannels == 3) {
            px = toGrey(px);
            srcChannels = 1;
        }
        int rw = spec.width();
        int rh = spec.height();
        if (spec.resizeShorter() > 0) {
            double f = spec.resizeShorter() / (double) Math.min(img.width(), img.height());
            rw = Math.max(spec.width(), (int) Math.round(img.width() * f));
            rh = Math.max(spec.height(), (int) Math.round(img.height() * f));
        }
        var rows = BilinearResize.Axis.of(img.height(), rh, (rh - spec.height()) / 2, spec.height(), spec.alignCorners());
        var cols = BilinearResize.Axis.of(img.width(), rw, (rw - spec.width()) / 2, spec.width(), spec.alignCorners());
        float[] mean = spec.mean();
        float[] std = spec.std();
        int plane = spec.height() * spec.width();
        int at = index * spec.size();
        for (int c = 0; c < spec.channels(); c++) {
            int source = srcChannels == 1 ? 0 : spec.bgr() ? 2 - c : c;
            if (c > 0 && srcChannels == 1 && mean[c] == mean[0] && std[c] == std[0]) {
                // a grey image spread over equally normalised channels: the plane is the first one again
                System.arraycopy(out, at, out, at + c * plane, plane);
                continue;
            }
            BilinearResize.channel(px, img.width(), srcChannels, source, rows, cols, spec.scale() / std[c],
                    -mean[c] / std[c], out, at + c * plane);
        }
    }

    private static byte[] toGrey(byte[] rgb) {
        byte[] grey = new byte[rgb.length / 3];
        for (int i = 0; i < grey.length; i++) {
            grey[i] = (byte) Math.round(0.299 * (rgb[3 * i] & 0xff) + 0.587 * (rgb[3 * i + 1] & 0xff)
                    + 0.114 * (rgb[3 * i + 2] & 0xff));
        }
        return grey;
    }

    /** Stops the preprocessing threads. */
    @Override
    public void close() {
        if (pool != null) {
            pool.shutdown();
        }
    }
}
