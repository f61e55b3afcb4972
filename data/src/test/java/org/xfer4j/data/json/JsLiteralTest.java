package org.xfer4j.data.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsLiteralTest {

    @Test
    void readsJsonIntoMapsListsStringsDoublesBooleansAndNulls() {
        Map<?, ?> v = (Map<?, ?>) JsLiteral.parse("{\"a\": [1, -2.5e1, \"x\\u00e9\"], \"b\": {\"c\": true, \"d\": null}}",
                "t.json");
        assertThat(v.get("a")).isEqualTo(List.of(1.0, -25.0, "x\u00e9"));
        @SuppressWarnings("unchecked")
        Map<String, Object> b = (Map<String, Object>) v.get("b");
        assertThat(b).containsEntry("c", true).containsEntry("d", null).hasSize(2);
    }

    @Test
    void readsTheObjectLiteralsMinifiersEmit() {
        assertThat(JsLiteral.parse("{units:.5,use_bias:!0,trainable:!1,'name':'conv'}", "model.min.js"))
                .isEqualTo(Map.of("units", 0.5, "use_bias", true, "trainable", false, "name", "conv"));
    }

    @Test
    void parseAtStopsAfterTheValue() {
        assertThat(JsLiteral.parseAt("module.exports={k:[1,2]};var x=3", 15, "bundle.js"))
                .isEqualTo(Map.of("k", List.of(1.0, 2.0)));
    }

    @Test
    void errorsNameTheSourceAndThePosition() {
        assertThatThrownBy(() -> JsLiteral.parse("{\"a\": 1,, }", "bad.json")).isInstanceOf(JsonSyntaxException.class)
                .hasMessageContaining("bad.json").hasMessageContaining("character 8");
        assertThatThrownBy(() -> JsLiteral.parse("[1, 2] trailing", "t.json"))
                .hasMessageContaining("text after the end of the value");
        assertThatThrownBy(() -> JsLiteral.parse("{\"a\": ", "cut.json")).hasMessageContaining("unexpected end");
    }

    @Test
    void nestingDeeperThanTheLimitIsRefusedWithItsPositionNotAStackOverflow() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        assertThatThrownBy(() -> JsLiteral.parse(deep, "deep.json")).isInstanceOf(JsonSyntaxException.class)
                .hasMessage("deep.json: arrays and objects nest deeper than 512 levels at character 512");
        String objects = "{\"a\":".repeat(600) + "1" + "}".repeat(600);
        assertThatThrownBy(() -> JsLiteral.parse(objects, "o.json")).hasMessageContaining("nest deeper than 512");
        // exactly at the limit is fine, and depth is counted per nesting, not per array seen
        String atLimit = "[".repeat(511) + "]".repeat(511);
        assertThat(JsLiteral.parse("[" + (atLimit + ",").repeat(3) + "1]", "ok.json")).isInstanceOf(List.class);
    }

    @Test
    void errorsInATextOfSeveralLinesNameTheLineAndTheCharacterInIt() {
        assertThatThrownBy(() -> JsLiteral.parse("{\n  \"a\": 1,\n  \"b\": ?\n}", "model.json"))
                .hasMessage("model.json: expected a name or a value at line 3, character 8");
    }
}
