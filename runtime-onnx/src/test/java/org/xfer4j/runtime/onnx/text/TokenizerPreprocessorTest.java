package org.xfer4j.runtime.onnx.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.data.DType;
import org.xfer4j.api.data.Sample;
import org.xfer4j.api.data.Tensor;
import org.xfer4j.api.model.InputSpec;
import org.xfer4j.runtime.onnx.TestModels;

@Tag("network")
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

    @Test
    void aDeeplyNestedTokenizerJsonIsAnErrorNamingTheFileAndLine(@TempDir Path dir) throws Exception {
        // issue 15: the tokenizer library's JSON reader has its own depth limit (128); the error names file and line
        Path deep = dir.resolve("tokenizer.json");
        Files.writeString(deep, "{\"version\": \"1.0\",\n \"model\": " + "[".repeat(100_000) + "]".repeat(100_000)
                + "}");
        List<InputSpec> inputs = List.of(new InputSpec("input_ids", DType.INT64, List.of(-1L, -1L)));
        assertThatThrownBy(() -> TokenizerPreprocessor.load(deep, inputs)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("cannot read tokenizer " + deep).hasMessageContaining("line 2");
    }

    @Test
    void aHugeRowIsCutBeforeTokenisingAndGivesTheTokensOfTheWholeText() throws Exception {
        TokenizerPreprocessor bge = (TokenizerPreprocessor) TestModels.bge().preprocessor();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; sb.length() < 10_000_000; i++) {
            sb.append("subject line ").append(i).append(i % 7 == 0 ? "\n\n   " : " ");
        }
        String huge = sb.toString();
        String part = bge.tokenisedPart(huge);
        // what is tokenised stays near the 16 characters per token tried first (128 tokens here)
        assertThat(part.length()).isLessThanOrEqualTo(16 * TokenizerPreprocessor.DEFAULT_MAX_LENGTH);
        assertThat(huge).startsWith(part);
        assertThat(bge.tokenisedPart("short text")).isEqualTo("short text");
        // the same tokens as the whole text, tokenised without cutting (a 200 kB prefix keeps this test quick)
        String whole = huge.substring(0, 200_000);
        Map<String, String> options = Map.of("padding", "true", "truncation", "true",
                "maxLength", Integer.toString(TokenizerPreprocessor.DEFAULT_MAX_LENGTH), "addSpecialTokens", "true");
        try (HuggingFaceTokenizer reference = HuggingFaceTokenizer.newInstance(
                TestModels.bge().onnxFile().resolveSibling("tokenizer.json"), options)) {
            long[] expected = reference.encode(whole).getIds();
            assertThat(bge.prepare(List.of(new Sample.Text(huge))).get("input_ids").longs()).containsExactly(expected);
            assertThat(bge.prepare(List.of(new Sample.Text(whole))).get("input_ids").longs()).containsExactly(expected);
        }
    }
}
