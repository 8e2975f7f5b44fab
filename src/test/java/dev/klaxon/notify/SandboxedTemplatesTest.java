package dev.klaxon.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A tenant's template is bounded: what could exhaust the heap or the stack is refused, quickly, as that template's problem. */
class SandboxedTemplatesTest {

    private final SandboxedTemplates templates = new SandboxedTemplates();
    private final Map<String, Object> data = Map.of("incident", Map.of("title", "Checkout down", "commander", "-"), "event", "alert");

    @Test
    void valuesAndConditionsRender() throws Exception {
        assertThat(templates.render("{#if incident.commander is '-'}nobody{#else}{incident.commander}{/if}: "
                + "{incident.title} {incident.missing ?: 'n/a'}", data)).isEqualTo("nobody: Checkout down n/a");
    }

    @Test
    void loopsEvalAndIncludesAreNotSectionsATemplateMayUse() {
        for (String template : new String[] {"{#for i in 100000000}x{/for}", "{#each incident}x{/each}", "{#eval 'x'/}",
                "{#include other/}", "{#insert x}y{/insert}", "{#let t=incident.title}{t}{/let}"}) {
            assertThatThrownBy(() -> templates.render(template, data)).as(template).isInstanceOf(SandboxedTemplates.TemplateException.class);
        }
    }

    @Test
    void noMethodOfTheDataIsReachable() {
        assertThatThrownBy(() -> templates.render("{incident.title.repeat(100000000)}", data))
                .isInstanceOf(SandboxedTemplates.TemplateException.class);
        assertThatThrownBy(() -> templates.render("{incident.getClass()}", data)).isInstanceOf(SandboxedTemplates.TemplateException.class);
    }

    @Test
    void outputPastTheLimitStopsTheRender() {
        String longTitle = "x".repeat(4096);
        String template = "{incident.title}".repeat(SandboxedTemplates.MAX_OUTPUT_CHARS / 4096 + 2);

        assertThatThrownBy(() -> templates.render(template, Map.of("incident", Map.of("title", longTitle))))
                .isInstanceOf(SandboxedTemplates.TemplateException.class).hasMessageContaining("more than");
    }

    @Test
    void sectionsNestedThousandsDeepAreRefusedNotACrash() {
        String template = "{#if incident.title}".repeat(20000) + "x" + "{/if}".repeat(20000);

        assertThatThrownBy(() -> templates.render(template, data)).isInstanceOf(SandboxedTemplates.TemplateException.class);
    }
}
