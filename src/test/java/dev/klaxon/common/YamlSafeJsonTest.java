package dev.klaxon.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

class YamlSafeJsonTest {

    private static final String HOSTILE = "db \u001b[2J\u0007 down\u007f\u0085\u009b31m\u0000\t\u2028 \ud83d\udd25 end";

    @Test
    void textWithControlCharactersReadsTheSameAsJsonAndAsYaml() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        new YamlSafeJson().customize(mapper);

        String json = mapper.writeValueAsString(Map.of("title", HOSTILE));

        assertThat(mapper.readValue(json, Map.class)).containsEntry("title", HOSTILE);
        assertThat(new Yaml().<Map<String, Object>>load(json)).containsEntry("title", HOSTILE);
    }

    @Test
    void withoutItYamlRefusesTheSameText() throws Exception {
        String json = new ObjectMapper().writeValueAsString(Map.of("title", HOSTILE));

        assertThatThrownBy(() -> new Yaml().load(json)).hasMessageContaining("special characters are not allowed");
    }
}
