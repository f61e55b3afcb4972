package org.xfer4j.api.data;

import java.util.Map;

/** One unlabelled input example, in the form the data source has it; a model's preprocessing turns it into tensors. */
public sealed interface Sample permits Sample.Text, Sample.Image, Sample.Tensors {

    /** A piece of text, tokenised by the model's own tokenizer. */
    record Text(String text) implements Sample {
        public Text {
            java.util.Objects.requireNonNull(text, "text");
        }
    }

    /**
     * A decoded image: {@code channels} (1 grey, 3 RGB) interleaved 8-bit pixels, row-major, height x width x channels.
     * The model's preprocessing resizes, crops and normalises it.
     */
    record Image(int width, int height, int channels, byte[] pixels) implements Sample {
        public Image {
            if (width <= 0 || height <= 0 || (channels != 1 && channels != 3)) {
                throw new org.xfer4j.api.InvalidInputException("image must have positive size and 1 or 3 channels, got "
                        + width + "x" + height + "x" + channels);
            }
            if (pixels.length != width * height * channels) {
                throw new org.xfer4j.api.InvalidInputException("image " + width + "x" + height + "x" + channels
                        + " needs " + (width * height * channels) + " bytes, got " + pixels.length);
            }
        }
    }

    /** Inputs already prepared as named tensors of one example each (batch dimension of 1 omitted). */
    record Tensors(Map<String, Tensor> inputs) implements Sample {
        public Tensors {
            inputs = Map.copyOf(inputs);
        }
    }
}
