package org.xfer4j.core.tuning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.xfer4j.api.InvalidOptionException;
import org.xfer4j.api.tuning.Choice;
import org.xfer4j.api.tuning.NumericRange;
import org.xfer4j.api.repurpose.RepurposerProvider;

/** Search requests from option text, against the prototype plugin's declared space and its option parser. */
class SearchRequestTest {

    /** The plugin found as the host finds it (core's tests read it on the module path through ServiceLoader). */
    private static final RepurposerProvider PROTOTYPE = ServiceLoader.load(RepurposerProvider.class).stream()
            .map(ServiceLoader.Provider::get).filter(p -> p.id().equals("prototype")).findFirst().orElseThrow();

    private static SearchRequest parse(String... keyValues) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            options.put(keyValues[i], keyValues[i + 1]);
        }
        return SearchRequest.parse(PROTOTYPE, options);
    }

    @Test
    void autoTakesTheDeclaredRangeAndFixedValuesStay() {
        SearchRequest r = parse("temperature", "auto", "standardize", "true");
        assertThat(r.fixed()).isEqualTo(Map.of("standardize", "true"));
        assertThat(r.space().dimensions()).containsExactly(NumericRange.log("temperature", 0.1, 1e4));
        assertThat(r.optionsAt(new double[] {0})).containsEntry("temperature", "0.1").containsEntry("standardize",
                "true");
        assertThat(r.optionsAt(new double[] {1})).containsEntry("temperature", "10000.0");
        assertThat(r.optionsAt(new double[] {0.5})).containsEntry("temperature", "31.6228");
    }

    @Test
    void userRangesAndChoices() {
        SearchRequest r = parse("temperature", "int-log:1..1000", "standardize", "choice:false,true");
        assertThat(r.space().dimensions()).containsExactly(NumericRange.logIntegers("temperature", 1, 1000),
                Choice.of("standardize", "false", "true"));
        assertThat(r.searchedAt(new double[] {0.5, 0.49})).isEqualTo(Map.of("temperature", "32", "standardize",
                "false"));
        // a bare range keeps the declared scale (log for temperature)
        assertThat(parse("temperature", "1..100").space().dimensions())
                .containsExactly(NumericRange.log("temperature", 1, 100));
        // integers and choices snap to one position per setting
        assertThat(r.snap(new double[] {0.5, 0.9})[1]).isEqualTo(0.75);
    }

    @Test
    void autoForAnOptionWithoutADeclaredRangeIsNamed() {
        assertThatThrownBy(() -> parse("temprature", "auto")).isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("option temprature=auto: prototype declares no search range for temprature")
                .hasMessageContaining("[temperature, standardize]");
    }

    @Test
    void nonNumericRangeIsNamed() {
        assertThatThrownBy(() -> parse("temperature", "log:abc..10")).isInstanceOf(InvalidOptionException.class)
                .hasMessage("option temperature=log:abc..10: range bound 'abc' is not a number");
        assertThatThrownBy(() -> parse("temperature", "log:1..2..3")).isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("a search range reads LOW..HIGH");
    }

    @Test
    void boundsTheProviderRefusesAreNamed() {
        assertThatThrownBy(() -> parse("temperature", "-1..10")).isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("log-scale search range of option temperature must be positive");
        assertThatThrownBy(() -> parse("temperature", "real:-1..10")).isInstanceOf(InvalidOptionException.class)
                .hasMessageStartingWith("cannot search option temperature of prototype at -1.0: ")
                .hasMessageContaining("must be a finite number > 0");
        assertThatThrownBy(() -> parse("standardize", "choice:false,maybe")).isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("at maybe");
        assertThatThrownBy(() -> parse("colour", "1..2")).isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("unknown option [colour] for prototype");
    }
}
