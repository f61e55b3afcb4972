package org.xfer4j.importer.tfjs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("network")
class TfjsImporterTest {

    @TempDir
    Path dir;

    @Test
    void importsTheNsfwjsMobileNetV2WithKerasLayerNamesAndAnNchwInput() throws Exception {
        TfjsModel model = TfjsModel.readBundle(Nsfwjs.mobileNetV2Bundle());
        assertThat(model.parameterCount()).isBetween(2_500_000L, 2_700_000L);
        Path onnx = dir.resolve("mobilenet_v2.onnx");
        TfjsImporter.write(model, onnx);
        ModelProto m = ModelProto.parseFrom(Files.readAllBytes(onnx));
        assertThat(m.getOpsetImport(0).getVersion()).isEqualTo(17);
        assertThat(m.getGraph().getInput(0).getName()).isEqualTo("input_1");
        assertThat(m.getGraph().getInput(0).getType().getTensorType().getShape().getDimList())
                .extracting(d -> d.hasDimValue() ? d.getDimValue() : -1L).containsExactly(-1L, 3L, 224L, 224L);
        assertThat(m.getGraph().getOutput(0).getName()).isEqualTo("dense_3");
        List<String> nodes = m.getGraph().getNodeList().stream().map(NodeProto::getName).toList();
        assertThat(nodes).contains("Conv1_pad", "Conv1", "bn_Conv1", "block_16_project_BN", "out_relu", "flatten_1",
                "dense_3");
        assertThat(m.getGraph().getNodeList()).filteredOn(n -> n.getName().equals("expanded_conv_depthwise"))
                .singleElement().satisfies(n -> assertThat(n.getOpType()).isEqualTo("Conv"));
        assertThat(Files.list(dir)).containsExactly(onnx);
    }

    @Test
    void anUnsupportedLayerIsNamedAndNothingIsWritten() throws Exception {
        Path json = model("""
                {"class_name":"Sequential","config":{"name":"s","layers":[
                 {"class_name":"LSTM","config":{"name":"lstm_7","units":4,"batch_input_shape":[null,5,3]}}]}}""",
                "[]", new byte[0]);
        Path onnx = dir.resolve("out/model.onnx");
        assertThatThrownBy(() -> TfjsImporter.write(TfjsModel.read(json), onnx))
                .isInstanceOf(UnsupportedLayerException.class).hasMessageContaining("lstm_7").hasMessageContaining("LSTM");
        assertThat(onnx.getParent()).doesNotExist();
    }

    @Test
    void aWeightDtypeOtherThanFloat32IsNamed() throws Exception {
        Path json = model(dense("linear"), """
                [{"name":"d/kernel","shape":[2,1],"dtype":"int32"},{"name":"d/bias","shape":[1],"dtype":"float32"}]""",
                new byte[12]);
        assertThatThrownBy(() -> TfjsModel.read(json)).isInstanceOf(UnsupportedLayerException.class)
                .hasMessageContaining("d/kernel").hasMessageContaining("int32");
    }

    @Test
    void dequantisesUint8Uint16AndFloat16ShardsAsTfjsDoes() throws Exception {
        ByteBuffer shard = ByteBuffer.allocate(2 + 2 + 2).order(ByteOrder.LITTLE_ENDIAN);
        shard.put((byte) 0).put((byte) 255).putShort((short) 40000).putShort(Float.floatToFloat16(-1.5f));
        Path json = model(dense("linear"), """
                [{"name":"d/kernel","shape":[2,1],"dtype":"float32","quantization":{"dtype":"uint8","scale":0.1,"min":-1}},
                 {"name":"d/bias","shape":[1],"dtype":"float32","quantization":{"dtype":"uint16","scale":0.001,"min":2}},
                 {"name":"extra","shape":[1],"dtype":"float32","quantization":{"dtype":"float16"}}]""", shard.array());
        Map<String, Weight> w = TfjsModel.read(json).weights();
        assertThat(w.get("d/kernel").values()).containsExactly((float) (0 * 0.1 - 1), (float) (255 * 0.1 - 1));
        assertThat(w.get("d/bias").values()).containsExactly((float) (40000 * 0.001 + 2));
        assertThat(w.get("extra").values()).containsExactly(-1.5f);
    }

    @Test
    void shardsShorterThanTheManifestAreReportedWithTheWeight() throws Exception {
        Path json = model(dense("linear"), """
                [{"name":"d/kernel","shape":[2,1],"dtype":"float32"},{"name":"d/bias","shape":[1],"dtype":"float32"}]""",
                new byte[8]);
        assertThatThrownBy(() -> TfjsModel.read(json)).isInstanceOf(TfjsFormatException.class)
                .hasMessageContaining("d/bias");
    }

    @Test
    void anUnknownActivationIsNamedWithItsLayer() throws Exception {
        Path json = model(dense("gelu_new"), """
                [{"name":"d/kernel","shape":[2,1],"dtype":"float32"},{"name":"d/bias","shape":[1],"dtype":"float32"}]""",
                new byte[12]);
        assertThatThrownBy(() -> TfjsImporter.toOnnx(TfjsModel.read(json))).isInstanceOf(UnsupportedLayerException.class)
                .hasMessageContaining("layer 'd' (Dense)").hasMessageContaining("gelu_new");
    }

    @Test
    void readsKeras3FunctionalTopologiesWithSeveralInputs() throws Exception {
        String tensor = "{\"class_name\":\"__keras_tensor__\",\"config\":{\"keras_history\":[\"%s\",0,0]}}";
        Path json = model("""
                {"class_name":"Functional","config":{"name":"two_inputs","layers":[
                 {"name":"a","class_name":"InputLayer","config":{"name":"a","batch_shape":[null,2]},"inbound_nodes":[]},
                 {"name":"b","class_name":"InputLayer","config":{"name":"b","batch_shape":[null,1]},"inbound_nodes":[]},
                 {"name":"joined","class_name":"Concatenate","config":{"name":"joined","axis":-1},
                  "inbound_nodes":[{"args":[[%s,%s]],"kwargs":{}}]},
                 {"name":"d","class_name":"Dense","config":{"name":"d","units":1,"activation":"linear"},
                  "inbound_nodes":[{"args":[%s],"kwargs":{}}]}],
                 "input_layers":[["a",0,0],["b",0,0]],"output_layers":[["d",0,0]]}}""".formatted(
                        tensor.formatted("a"), tensor.formatted("b"), tensor.formatted("joined")), """
                [{"name":"d/kernel","shape":[3,1],"dtype":"float32"},{"name":"d/bias","shape":[1],"dtype":"float32"}]""",
                floats(1, 2, 3, 0.5f));
        Map<String, float[]> out = OrtProbe.run(TfjsImporter.toOnnx(TfjsModel.read(json)),
                Map.of("a", new float[] {1, 10, 2, 20}, "b", new float[] {100, 200}),
                Map.of("a", new long[] {2, 2}, "b", new long[] {2, 1}), List.of("d"));
        assertThat(out.get("d")).containsExactly(1 + 20 + 300 + 0.5f, 2 + 40 + 600 + 0.5f);
    }

    @Test
    void hardSwishIsXTimesRelu6OfXPlus3Over6() throws Exception {
        Path json = model("""
                {"class_name":"Sequential","config":{"name":"s","layers":[{"class_name":"Activation",
                 "config":{"name":"hs","activation":"hard_swish","batch_input_shape":[null,4]}}]}}""", "[]", new byte[0]);
        float[] x = {-4, -1, 0.5f, 4};
        Map<String, float[]> out = OrtProbe.run(TfjsImporter.toOnnx(TfjsModel.read(json)), Map.of("hs_input", x),
                Map.of("hs_input", new long[] {1, 4}), List.of("hs"));
        for (int i = 0; i < x.length; i++) {
            assertThat(out.get("hs")[i]).isCloseTo(x[i] * Math.min(Math.max(x[i] + 3, 0), 6) / 6f,
                    org.assertj.core.api.Assertions.within(1e-6f));
        }
    }

    @Test
    void malformedJsonNamesTheFile() throws Exception {
        Path json = dir.resolve("model.json");
        Files.writeString(json, "{\"modelTopology\": [1, 2");
        assertThatThrownBy(() -> TfjsModel.read(json)).isInstanceOf(TfjsFormatException.class)
                .hasMessageContaining(json.toString());
        // issue 15: deep nesting in the topology or in the weights manifest is refused with its line, not a stack overflow
        Files.writeString(json, "{\"modelTopology\": {},\n \"weightsManifest\": " + "[".repeat(100_000) + "]}");
        assertThatThrownBy(() -> TfjsModel.read(json)).isInstanceOf(TfjsFormatException.class)
                .hasMessageContaining(json + ": arrays and objects nest deeper than 512 levels at line 2");
    }

    private static byte[] floats(float... v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) {
            b.putFloat(f);
        }
        return b.array();
    }

    private static String dense(String activation) {
        return """
                {"class_name":"Sequential","config":{"name":"s","layers":[{"class_name":"Dense","config":{"name":"d",
                 "units":1,"activation":"%s","use_bias":true,"batch_input_shape":[null,2]}}]}}""".formatted(activation);
    }

    private Path model(String topology, String weights, byte[] shard) throws Exception {
        Files.write(dir.resolve("w.bin"), shard);
        Path json = dir.resolve("model.json");
        Files.writeString(json, "{\"format\":\"layers-model\",\"modelTopology\":" + topology
                + ",\"weightsManifest\":[{\"paths\":[\"w.bin\"],\"weights\":" + weights + "}]}");
        return json;
    }
}
