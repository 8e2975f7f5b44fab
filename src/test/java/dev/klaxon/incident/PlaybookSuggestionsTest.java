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

        assertThat(PlaybookSuggestions.suggest(incident.getSpec(), List.of(errorRate)).names()).containsExactly("api-high-error-rate");
    }

    @Test
    void leavesOutPlaybooksForAnotherCategorySeverityOrSymptom() {
        incident.getSpec().setTitle("High error rate on checkout");
        incident.getSpec().setCategory(Category.SECURITY);
        assertThat(PlaybookSuggestions.suggest(incident.getSpec(), List.of(errorRate)).names()).isEmpty();

        incident.getSpec().setCategory(Category.AVAILABILITY);
        incident.getSpec().setSeverity(Severity.SEV5);
        assertThat(PlaybookSuggestions.suggest(incident.getSpec(), List.of(errorRate)).names()).isEmpty();

        incident.getSpec().setSeverity(Severity.SEV2);
        incident.getSpec().setTitle("Disk almost full");
        incident.getSpec().setDescription(null);
        assertThat(PlaybookSuggestions.suggest(incident.getSpec(), List.of(errorRate)).names()).isEmpty();
    }

    @Test
    void aPlaybookWithoutSymptomsFitsOnCategoryAndSeverityAlone() {
        errorRate.getSpec().setSymptoms(null);
        incident.getSpec().setTitle("Anything at all");

        assertThat(PlaybookSuggestions.suggest(incident.getSpec(), List.of(errorRate)).names()).containsExactly("api-high-error-rate");
    }

    @Test
    void namesAtMostTwentyTheMostSpecificFirstAndCountsTheRest() {
        incident.getSpec().setTitle("High error rate on checkout");
        List<Playbook> playbooks = new java.util.ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            Playbook generic = example("playbook-api-high-error-rate.yaml", Playbook.class);
            generic.getMetadata().setName("fits-everything-" + i);
            generic.getSpec().setSymptoms(null);
            generic.getSpec().setSeverities(null);
            generic.getSpec().setCategory(null);
            playbooks.add(generic);
        }
        playbooks.add(errorRate);

        PlaybookSuggestions.Suggestions suggestions = PlaybookSuggestions.suggest(incident.getSpec(), playbooks);

        assertThat(suggestions.names()).hasSize(PlaybookSuggestions.MAX_LISTED).first().isEqualTo("api-high-error-rate");
        assertThat(suggestions.notListed()).isEqualTo(5001 - PlaybookSuggestions.MAX_LISTED);
    }
}
