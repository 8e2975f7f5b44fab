package dev.klaxon.crds;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Everything a tenant writes is bounded by the schema: every string in a spec has a maximum
 * length (or is one of an enum), every list a maximum number of items, every map a maximum
 * number of keys. The API server then refuses an oversized object at the door, and one object
 * can never grow large enough to exhaust the operator's memory or the etcd request limit (a
 * tenant once crashed the operator with 300 incidents carrying a 1.3 MB description each).
 * Status belongs to the operator, which bounds its lists by bytes in code.
 */
class CrdBoundsTest {

    @Test
    void everyStringListAndMapInASpecIsBounded() throws IOException {
        List<String> unbounded = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("crds"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                CustomResourceDefinition crd = Serialization.unmarshal(Files.readString(file), CustomResourceDefinition.class);
                String kind = crd.getSpec().getNames().getKind();
                for (var version : crd.getSpec().getVersions()) {
                    JSONSchemaProps spec = version.getSchema().getOpenAPIV3Schema().getProperties().get("spec");
                    if (spec != null) {
                        collectUnbounded(kind + ".spec", spec, unbounded);
                    }
                }
            }
        }
        assertThat(unbounded).as("spec fields without a bound").isEmpty();
    }

    static void collectUnbounded(String path, JSONSchemaProps node, List<String> unbounded) {
        String type = node.getType();
        if ("string".equals(type) && node.getMaxLength() == null && (node.getEnum() == null || node.getEnum().isEmpty())) {
            unbounded.add(path + " (string without maxLength)");
        }
        if ("array".equals(type)) {
            if (node.getMaxItems() == null) {
                unbounded.add(path + " (list without maxItems)");
            }
            if (node.getItems() != null && node.getItems().getSchema() != null) {
                collectUnbounded(path + "[]", node.getItems().getSchema(), unbounded);
            }
        }
        if (node.getAdditionalProperties() != null && node.getAdditionalProperties().getSchema() != null) {
            if (node.getMaxProperties() == null) {
                unbounded.add(path + " (map without maxProperties)");
            }
            collectUnbounded(path + "{}", node.getAdditionalProperties().getSchema(), unbounded);
        }
        for (Map.Entry<String, JSONSchemaProps> property : node.getProperties().entrySet()) {
            collectUnbounded(path + "." + property.getKey(), property.getValue(), unbounded);
        }
    }
}
