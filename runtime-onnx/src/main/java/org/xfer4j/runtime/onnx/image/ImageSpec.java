package org.xfer4j.runtime.onnx.image;

import java.util.Arrays;
import org.xfer4j.api.InvalidOptionException;

/**
 * How a model wants its images: {@code channels} x {@code height} x {@code width} (NCHW), reached by resizing the
 * whole image to that size ({@code resizeShorter} 0) or its shorter side to {@code resizeShorter} and cropping the
 * centre; bilinear sampling with aligned corners (TF.js {@code alignCorners=true}) or half-pixel centres
 * (PyTorch, PIL); channels in RGB or BGR order; values {@code (pixel * scale - mean[c]) / std[c]}.
 */
public record ImageSpec(int width, int height, int channels, int resizeShorter, boolean alignCorners, boolean bgr,
                        float scale, float[] mean, float[] std) {

    public ImageSpec {
        InvalidOptionException.require(width > 0 && height > 0, "image size must be positive, got " + width + "x"
                + height);
        InvalidOptionException.require(channels == 1 || channels == 3, "channels must be 1 or 3, got " + channels);
        InvalidOptionException.require(resizeShorter == 0 || resizeShorter >= Math.min(width, height),
                "resizeShorter " + resizeShorter + " is smaller than the crop " + width + "x" + height);
        InvalidOptionException.require(mean.length == channels && std.length == channels,
                "mean and std need one value per channel (" + channels + ")");
        for (float s : std) {
            InvalidOptionException.require(s > 0, "std values must be positive, got " + Arrays.toString(std));
        }
        mean = mean.clone();
        std = std.clone();
    }

    /** RGB scaled to [0, 1], the whole image stretched with aligned corners: what nsfwjs feeds its TF.js models. */
    public static ImageSpec tfjsUnitRange(int width, int height) {
        return new ImageSpec(width, height, 3, 0, true, false, 1f / 255, new float[3], new float[] {1, 1, 1});
    }

    /** ImageNet statistics after resizing the shorter side to {@code resizeShorter}, as torchvision's models use. */
    public static ImageSpec imagenet(int size, int resizeShorter) {
        return new ImageSpec(size, size, 3, resizeShorter, false, false, 1f / 255,
                new float[] {0.485f, 0.456f, 0.406f}, new float[] {0.229f, 0.224f, 0.225f});
    }

    @Override
    public float[] mean() {
        return mean.clone();
    }

    @Override
    public float[] std() {
        return std.clone();
    }

    /** Values per prepared image. */
    int size() {
        return channels * height * width;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImageSpec s && width == s.width && height == s.height && channels == s.channels
                && resizeShorter == s.resizeShorter && alignCorners == s.alignCorners && bgr == s.bgr
                && scale == s.scale && Arrays.equals(mean, s.mean) && Arrays.equals(std, s.std);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(mean) + 7 * Arrays.hashCode(std);
    }

    @Override
    public String toString() {
        return channels + "x" + height + "x" + width + (resizeShorter > 0 ? " (shorter side " + resizeShorter
                + ", centre crop)" : " (stretched)") + (bgr ? " BGR" : "") + " scale " + scale + " mean "
                + Arrays.toString(mean) + " std " + Arrays.toString(std);
    }
}
