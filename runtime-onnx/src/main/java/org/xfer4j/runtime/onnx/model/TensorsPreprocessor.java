package org.xfer4j.runtime.onnx.model;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.data.DType;
import org.xfer4j.api.data.Sample;
import org.xfer4j.api.data.Tensor;
import org.xfer4j.api.model.InputSpec;
import org.xfer4j.api.model.Preprocessor;

/**
 * The preprocessor of models that come without one: every sample must already hold the graph inputs as tensors
 * ({@link Sample.Tensors}), which are stacked along a new batch dimension.
 */
public final class TensorsPreprocessor implements Preprocessor {

    private final String model;
    private final List<InputSpec> inputs;
    private final String missing;

    /** Stacks the {@code inputs} of the model named {@code model} (used in error messages). */
    public TensorsPreprocessor(String model, List<InputSpec> inputs) {
        this(model, inputs, null);
    }

    /**
     * As above; a sample that is not tensors is refused with {@code missing} (what the user must still declare for
     * images or text to be prepared), when not null.
     */
    public TensorsPreprocessor(String model, List<InputSpec> inputs, String missing) {
        this.model = model;
        this.inputs = List.copyOf(inputs);
        this.missing = missing;
    }

    @Override
    public Map<String, String> describe() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("kind", "tensors");
        inputs.forEach(i -> d.put("input." + i.name(), i.dtype() + " " + i.shape()));
        return d;
    }

    @Override
    public Map<String, Tensor> prepare(List<Sample> batch) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (InputSpec input : inputs) {
            out.put(input.name(), stack(input, batch));
        }
        return out;
    }

    private Tensor stack(InputSpec input, List<Sample> batch) {
        long[] shape = null;
        Tensor[] parts = new Tensor[batch.size()];
        for (int i = 0; i < parts.length; i++) {
            if (!(batch.get(i) instanceof Sample.Tensors(Map<String, Tensor> tensors))) {
                if (missing != null) {
                    throw new InvalidInputException(missing);
                }
                throw new InvalidInputException("model " + model + " has no preprocessor for "
                        + batch.get(i).getClass().getSimpleName().toLowerCase(Locale.ROOT)
                        + " samples; give it tensors named " + inputs.stream().map(InputSpec::name).toList());
            }
            Tensor t = tensors.get(input.name());
            if (t == null || t.dtype() != input.dtype()) {
                throw new InvalidInputException("model " + model + " needs a " + input.dtype() + " tensor named "
                        + input.name() + "; the sample has " + tensors);
            }
            if (shape == null) {
                shape = t.shape();
            } else if (!Arrays.equals(shape, t.shape())) {
                throw new InvalidInputException("input " + input.name() + " of " + model + ": example " + i
                        + " has shape " + Arrays.toString(t.shape()) + ", example 0 has " + Arrays.toString(shape));
            }
            parts[i] = t;
        }
        long[] batched = new long[shape == null ? 1 : shape.length + 1];
        batched[0] = parts.length;
        if (shape != null) {
            System.arraycopy(shape, 0, batched, 1, shape.length);
        }
        int each = parts.length == 0 ? 0 : parts[0].size();
        if (input.dtype() == DType.FLOAT32) {
            float[] v = new float[each * parts.length];
            for (int i = 0; i < parts.length; i++) {
                System.arraycopy(parts[i].floats(), 0, v, i * each, each);
            }
            return Tensor.ofFloats(v, batched);
        }
        long[] v = new long[each * parts.length];
        for (int i = 0; i < parts.length; i++) {
            System.arraycopy(parts[i].longs(), 0, v, i * each, each);
        }
        return Tensor.ofLongs(v, batched);
    }
}
