package org.sysmodels.core.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A misspelt field is reported as unknown even when the record's constructor would refuse the object for the field
 * the typo left out: Jackson builds a record before it reports the unknown fields it buffered, so without care a
 * user who wrote "layer" for "layers" is told "a scenario needs at least one layer", which hides the typo.
 */
class UnknownFieldFirstTest {

    record Layer(String name, @JsonProperty("do") String what) {
        Layer {
            if (name == null) {
                throw new InvalidFieldException("name", "a layer needs a name");
            }
        }
    }

    record Screen(Integer hz, List<Layer> layers) {
        Screen {
            if (layers == null || layers.isEmpty()) {
                throw new InvalidFieldException("layers", "a scenario needs at least one layer");
            }
        }
    }

    private static Problem problem(String text) {
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> ScenarioLoader.read("s.json", text, Screen.class));
        assertEquals(1, e.problems().size(), e.getMessage());
        return e.problems().get(0);
    }

    @Test
    void aTypoForARequiredFieldIsReportedAsTheUnknownField() {
        Problem p = problem("""
                {"hz": 60,
                 "layer": [{"name": "a"}]}
                """);
        assertEquals("s.json:2:11: layer: unknown field \"layer\"; known fields: hz, layers", p.toString());
    }

    @Test
    void aTypoInsideAListEntryIsReportedWithItsPath() {
        Problem p = problem("""
                {"layers": [{"name": "a"},
                            {"nmae": "b"}]}
                """);
        assertEquals("s.json:2:22: layers[1].nmae: unknown field \"nmae\"; known fields: do, name", p.toString());
    }

    @Test
    void withoutATypoTheConstructorsOwnMessageStands() {
        Problem p = problem("""
                {"hz": 60, "layers": []}
                """);
        assertEquals("layers", p.field());
        assertEquals("a scenario needs at least one layer", p.message());
    }

    @Test
    void aRenamedFieldIsKnownByItsJsonName() {
        Problem p = problem("""
                {"layers": [{"do": "x"}]}
                """);
        assertEquals("layers[0].name", p.field());
        assertEquals("a layer needs a name", p.message());
    }
}
