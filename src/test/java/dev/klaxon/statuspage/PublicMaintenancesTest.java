package dev.klaxon.statuspage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.api.v1alpha1.MaintenancePublication;
import dev.klaxon.api.v1alpha1.MaintenanceWindow;
import dev.klaxon.api.v1alpha1.MaintenanceWindowSpec;
import dev.klaxon.api.v1alpha1.MaintenanceWindowStatus;
import dev.klaxon.api.v1alpha1.PublicMaintenance;
import dev.klaxon.api.v1alpha1.StatusComponent;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PublicMaintenancesTest {

    private static final List<StatusComponent> COMPONENTS = List.of(component("api"), component("dashboard"));

    private static StatusComponent component(String id) {
        StatusComponent component = new StatusComponent();
        component.setId(id);
        component.setName(id);
        return component;
    }

    private static MaintenanceWindow window(MaintenanceWindowStatus.Phase phase, String start, String end) {
        MaintenanceWindow window = new MaintenanceWindow();
        window.setMetadata(new ObjectMetaBuilder().withName("db").withNamespace("shop").withUid("uid-db").build());
        MaintenanceWindowSpec spec = new MaintenanceWindowSpec();
        spec.setComment("Rotate the leaked DB password");
        MaintenancePublication publication = new MaintenancePublication();
        publication.setPage("acme-status");
        publication.setComponents(List.of("api", "not-on-the-page"));
        spec.setPublication(publication);
        window.setSpec(spec);
        MaintenanceWindowStatus status = new MaintenanceWindowStatus();
        status.setPhase(phase);
        status.setStartsAt(start);
        status.setEndsAt(end);
        window.setStatus(status);
        return window;
    }

    @Test
    void aTitledWindowIsPublishedUnderItsTitleAndNeverItsComment() {
        MaintenanceWindow window = window(MaintenanceWindowStatus.Phase.Scheduled, "2026-12-06T01:00:00Z", "2026-12-06T03:00:00Z");
        window.getSpec().getPublication().setTitle("Database upgrade");

        List<PublicMaintenance> published = PublicMaintenances.derive(List.of(), List.of(window), COMPONENTS, Instant.parse("2026-12-06T00:00:00Z"));

        assertThat(published).singleElement().satisfies(m -> assertThat(m.getName()).isEqualTo("Database upgrade"));
        assertThat(published.toString() + published.get(0).getName()).doesNotContain("leaked");
    }

    @Test
    void eachOccurrenceIsARecordThatIsScheduledThenInProgressThenCompletedAndOutlivesItsWindow() {
        Instant now = Instant.parse("2026-12-06T00:00:00Z");
        List<PublicMaintenance> scheduled = PublicMaintenances.derive(List.of(),
                List.of(window(MaintenanceWindowStatus.Phase.Scheduled, "2026-12-06T01:00:00Z", "2026-12-06T03:00:00Z")), COMPONENTS, now);
        assertThat(scheduled).singleElement().satisfies(m -> {
            assertThat(m.getStatus()).isEqualTo(PublicMaintenance.State.scheduled);
            assertThat(m.getName()).as("the comment is internal; without a title the page says only this").isEqualTo("Scheduled maintenance");
            assertThat(m.getComponents()).as("only the page's own components").containsExactly("api");
        });
        assertThat(PublicMaintenances.underMaintenance(scheduled)).isEmpty();

        List<PublicMaintenance> active = PublicMaintenances.derive(scheduled,
                List.of(window(MaintenanceWindowStatus.Phase.Active, "2026-12-06T01:00:00Z", "2026-12-06T03:00:00Z")), COMPONENTS,
                now.plusSeconds(3600 + 60));
        assertThat(active).singleElement().satisfies(m -> assertThat(m.getStatus()).isEqualTo(PublicMaintenance.State.in_progress));
        assertThat(PublicMaintenances.underMaintenance(active)).containsExactly("api");

        // The window moves on to next week's occurrence: this one is completed, and the next one is scheduled.
        List<PublicMaintenance> next = PublicMaintenances.derive(active,
                List.of(window(MaintenanceWindowStatus.Phase.Scheduled, "2026-12-13T01:00:00Z", "2026-12-13T03:00:00Z")), COMPONENTS,
                now.plusSeconds(3 * 3600));
        assertThat(next).extracting(PublicMaintenance::getStatus)
                .containsExactly(PublicMaintenance.State.scheduled, PublicMaintenance.State.completed);

        // The window is deleted: what happened stays; what would have happened goes.
        assertThat(PublicMaintenances.derive(next, List.of(), COMPONENTS, now.plusSeconds(4 * 3600)))
                .singleElement().satisfies(m -> assertThat(m.getScheduledFor()).isEqualTo("2026-12-06T01:00:00Z"));
    }
}
