package dev.klaxon.incident;

import static dev.klaxon.api.ManifestFixtures.example;
import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.api.v1alpha1.Category;
import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.Playbook;
import dev.klaxon.api.v1alpha1.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlaybookSuggestionsTest {

    private final Playbook errorRate = example("playbook-api-high-error-rate.yaml", Playbook.class);
    private final Incident incident = example("incident-checkout-outage.yaml", Incident.class);

    @Test
    void suggestsAPlaybookWhoseCategorySeverityAndSymptomsFit() {
        incident.getSpec().setTitle("High error rate on checkout");

        assertThat(PlaybookSuggestions.suggest(incident.getSpec(), List.of(errorRate))).containsExactly("api-high-error-rate");
    }

    @Test
    void leavesOutPlaybooksForAnotherCategorySeverityOrSymptom() {
        incident.getSpec().setTitle("High error rate on checkout");
        incident.getSpec().setCategory(Category.SECURITY);
        assertThat(PlaybookSuggestions.suggest(incident.getSpec(), List.of(errorRate))).isEmpty();

        incident.getSpec().setCategory(Category.AVAILABILITY);
        incident.getSpec().setSeverity(Severity.SEV5);
        assertThat(PlaybookSuggestions.suggest(incident.getSpec(), List.of(errorRate))).isEmpty();

        incident.getSpec().setSeverity(Severity.SEV2);
        incident.getSpec().setTitle("Disk almost full");
        incident.getSpec().setDescription(null);
        assertThat(PlaybookSuggestions.suggest(incident.getSpec(), List.of(errorRate))).isEmpty();
    }

    @Test
    void aPlaybookWithoutSymptomsFitsOnCategoryAndSeverityAlone() {
        errorRate.getSpec().setSymptoms(null);
        incident.getSpec().setTitle("Anything at all");

        assertThat(PlaybookSuggestions.suggest(incident.getSpec(), List.of(errorRate))).containsExactly("api-high-error-rate");
    }
}
