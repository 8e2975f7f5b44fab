package dev.klaxon.statuspage.site;

import dev.klaxon.api.v1alpha1.StatusComponent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How a page lists its components: by display order (ties keep the spec's order), groups in the order of their first component. */
public final class ComponentOrder {

    private ComponentOrder() {
    }

    public static List<StatusComponent> sorted(List<StatusComponent> components) {
        List<StatusComponent> ordered = new ArrayList<>(components);
        ordered.sort(Comparator.comparing((StatusComponent c) -> c.getOrder() == null ? Integer.MAX_VALUE : c.getOrder()));
        return ordered;
    }

    /** The components by group, each in display order; those without a group under {@code ungrouped}. */
    public static Map<String, List<StatusComponent>> byGroup(List<StatusComponent> components, String ungrouped) {
        Map<String, List<StatusComponent>> groups = new LinkedHashMap<>();
        sorted(components).forEach(c -> groups.computeIfAbsent(c.getGroup() == null ? ungrouped : c.getGroup(), g -> new ArrayList<>()).add(c));
        return groups;
    }
}
