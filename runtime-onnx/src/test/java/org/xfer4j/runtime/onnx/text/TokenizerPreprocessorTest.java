package org.xfer4j.runtime.onnx.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.data.DType;
import org.xfer4j.api.data.Sample;
import org.xfer4j.api.data.Tensor;
import org.xfer4j.api.model.InputSpec;
import org.xfer4j.runtime.onnx.TestModels;

class TokenizerPreprocessorTest {

    @Test
    void bertWordPiecesWithSpecialTokensPaddedToTheLongestTextOfTheBatch() {
        Map<String, Tensor> t = TestModels.bge().preprocessor().prepare(
                List.of(new Sample.Text("hello world"), new Sample.Text("hello")));
        assertThat(t.keySet()).containsExactly("input_ids", "attention_mask", "token_type_ids");
        // [CLS]=101 hello=7592 world=2088 [SEP]=102, [PAD]=0
        assertThat(t.get("input_ids").shape()).containsExactly(2, 4);
        assertThat(t.get("input_ids").longs()).containsExactly(101, 7592, 2088, 102, 101, 7592, 102, 0);
        assertThat(t.get("attention_mask").longs()).containsExactly(1, 1, 1, 1, 1, 1, 1, 0);
        assertThat(t.get("token_type_ids").longs()).containsOnly(0L);
    }

    @Test
    void truncatesLongTextsToTheMaximumLength() {
        String longText = "word ".repeat(500);
        Tensor ids = TestModels.bge().preprocessor().prepare(List.of(new Sample.Text(longText))).get("input_ids");
        assertThat(ids.shape()).containsExactly(1, TokenizerPreprocessor.DEFAULT_MAX_LENGTH);
        assertThat(ids.longs()[TokenizerPreprocessor.DEFAULT_MAX_LENGTH - 1]).isEqualTo(102);
    }

    @Test
    void refusesNonTextSamplesAndInputsATokenizerCannotFill() {
        assertThatThrownBy(() -> TestModels.bge().preprocessor().prepare(List.of(new Sample.Tensors(Map.of()))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("reads text");
        assertThatThrownBy(() -> TokenizerPreprocessor.load(
                TestModels.bge().onnxFile().resolveSibling("tokenizer.json"),
                List.of(new InputSpec("pixel_values", DType.FLOAT32, List.of(-1L, 3L, 224L, 224L)))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("pixel_values");
    }
}
