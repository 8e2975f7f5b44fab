package dev.klaxon.statuspage.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.klaxon.api.v1alpha1.ComponentState;
import dev.klaxon.api.v1alpha1.ComponentStatus;
import dev.klaxon.api.v1alpha1.StatusComponent;
import dev.klaxon.api.v1alpha1.StatusPage;
import dev.klaxon.api.v1alpha1.StatusPageSpec;
import dev.klaxon.api.v1alpha1.StatusPageStatus;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class SliDaysTest {

    @Test
    void aDayLooksOperationalWhenItMetTheObjectiveAndWorseTheMoreBudgetsItMissedBy() {
        assertThat(SliDays.look(99.9, 99.9)).isEqualTo(ComponentStatus.operational);
        assertThat(SliDays.look(99.5, 99.9)).isEqualTo(ComponentStatus.degraded);
        assertThat(SliDays.look(99.0, 99.9)).isEqualTo(ComponentStatus.degraded);
        assertThat(SliDays.look(98.9, 99.9)).isEqualTo(ComponentStatus.partial_outage);
        assertThat(SliDays.look(50.0, 99.9)).isEqualTo(ComponentStatus.major_outage);
        // Half bad is a major outage whatever the objective; ten budgets of a 90 % objective are all the events.
        assertThat(SliDays.look(40.0, 90)).isEqualTo(ComponentStatus.major_outage);
        assertThat(SliDays.look(85.0, 90)).isEqualTo(ComponentStatus.degraded);
        assertThat(SliDays.look(45.0, 40)).as("met").isEqualTo(ComponentStatus.operational);
    }

    @Test
    void ninetyDaysEndAtTheLastCompleteOneAndThoseWithoutAnSliHaveNone() {
        List<SliDays.Day> days = SliDays.daily(List.of(99.0, 100.0), LocalDate.parse("2026-12-04"), 99.9, 90);

        assertThat(days).hasSize(90);
        assertThat(days.get(89)).isEqualTo(new SliDays.Day(LocalDate.parse("2026-12-04"), 99.0, ComponentStatus.degraded));
        assertThat(days.get(88).sli()).isEqualTo(100.0);
        assertThat(days.get(0)).isEqualTo(new SliDays.Day(LocalDate.parse("2026-09-06"), null, null));
        assertThat(SliDays.known(days)).isEqualTo(2);
        assertThat(SliDays.overall(days).getAsDouble()).isCloseTo(99.5, within(1e-9));
    }

    @Test
    void theStatusPageShowsAComponentNamingAnObjectiveByItsSliAndTheOthersByIncidentTime() {
        StatusPage page = new StatusPage();
        page.setMetadata(new ObjectMetaBuilder().withName("acme").withNamespace("shop").build());
        StatusPageSpec spec = new StatusPageSpec();
        spec.setTitle("Acme");
        spec.setComponents(List.of(component("api", "api-availability"), component("web", null)));
        page.setSpec(spec);
        StatusPageStatus status = new StatusPageStatus();
        ComponentState api = new ComponentState("api", ComponentStatus.operational, "2026-12-01T00:00:00Z", null);
        api.setObjective(99.9);
        api.setDailySli(List.of(99.95, 99.2));
        api.setDailySliThrough("2026-12-04");
        status.setComponents(List.of(api, new ComponentState("web", ComponentStatus.operational, "2026-12-01T00:00:00Z", null)));
        page.setStatus(status);

        String html = new HtmlPages(page, List.of(), "", Instant.parse("2026-12-05T10:00:00Z")).index();

        String apiBars = html.substring(html.indexOf("id=\"component-api\""), html.indexOf("id=\"component-web\""));
        assertThat(apiBars).contains("<span class=\"s-operational\" title=\"2026-12-04: 99.95% good\"></span></div>")
                .contains("<span class=\"s-degraded\" title=\"2026-12-03: 99.20% good\"></span>")
                .contains("<span class=\"s-no-data\" title=\"2026-09-06: no data\"></span>")
                .contains("99.57% good over the last 2 days (objective 99.9%)").contains("<span>2026-12-04</span>");
        assertThat(html).contains("<span class=\"swatch s-no-data\"></span>No data");
        String webBars = html.substring(html.indexOf("id=\"component-web\""));
        assertThat(webBars).contains("100.00% uptime over the last 90 days").doesNotContain("good over");
    }

    @Test
    void aDayTheSiteCannotReadShowsIncidentTimeAndNoNoDataInTheLegend() {
        StatusPage page = new StatusPage();
        page.setMetadata(new ObjectMetaBuilder().withName("acme").withNamespace("shop").build());
        StatusPageSpec spec = new StatusPageSpec();
        spec.setTitle("Acme");
        spec.setComponents(List.of(component("api", "api-availability")));
        page.setSpec(spec);
        StatusPageStatus status = new StatusPageStatus();
        ComponentState api = new ComponentState("api", ComponentStatus.operational, "2026-12-01T00:00:00Z", null);
        api.setObjective(99.9);
        api.setDailySli(List.of(99.95));
        api.setDailySliThrough("2026-13-45");
        status.setComponents(List.of(api));
        page.setStatus(status);

        String html = new HtmlPages(page, List.of(), "", Instant.parse("2026-12-05T10:00:00Z")).index();

        assertThat(html).contains("100.00% uptime over the last 90 days").doesNotContain("No data");
    }

    private static StatusComponent component(String id, String sloRef) {
        StatusComponent component = new StatusComponent();
        component.setId(id);
        component.setName(id.toUpperCase());
        component.setSloRef(sloRef);
        return component;
    }
}
