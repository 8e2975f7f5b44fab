package dev.klaxon.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.IncidentStatus;
import dev.klaxon.api.v1alpha1.KlaxonApi;
import dev.klaxon.api.v1alpha1.PostIncidentReviewSpec;
import dev.klaxon.api.v1alpha1.PostIncidentReviewStatus;
import dev.klaxon.api.v1alpha1.ReviewMetrics;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReviewPrefillTest {

    @Test
    void anObjectivesIncidentSaysHowMuchOfTheBudgetItConsumed() {
        Incident incident = ReviewTestData.apiErrors();
        incident.getMetadata().getLabels().put(KlaxonApi.LABEL_SLO, "checkout-availability");
        incident.getMetadata().getAnnotations().putAll(Map.of(KlaxonApi.ANNOTATION_SLO_WINDOW, "30d",
                KlaxonApi.ANNOTATION_SLO_BUDGET_AT_OPEN, "71.8"));
        assertThat(ReviewPrefill.budgetSpent(incident)).as("not before the burn stopped").isEmpty();

        incident.getMetadata().getAnnotations().put(KlaxonApi.ANNOTATION_SLO_BUDGET_AT_RESOLVE, "67.7");

        assertThat(ReviewPrefill.budgetSpent(incident)).contains("This incident consumed 4.1 % of the 30d error budget of checkout-availability "
                + "(71.8 % left when it opened, 67.7 % when it resolved).");
        PostIncidentReviewStatus status = new PostIncidentReviewStatus();
        ReviewPrefill.fill(status, new PostIncidentReviewSpec(), incident, true);
        assertThat(status.getImpactSummary()).endsWith("This incident consumed 4.1 % of the 30d error budget of checkout-availability "
                + "(71.8 % left when it opened, 67.7 % when it resolved).");
        assertThat(ReviewPrefill.budgetSpent(ReviewTestData.apiErrors())).as("not an objective's incident").isEmpty();
        PostIncidentReviewStatus unsigned = new PostIncidentReviewStatus();
        ReviewPrefill.fill(unsigned, new PostIncidentReviewSpec(), incident, false);
        assertThat(unsigned.getImpactSummary()).as("labelled by someone, not signed by the operator").doesNotContain("error budget");
    }

    @Test
    void allFourTimesComeFromTheIncidentRecord() {
        IncidentStatus record = ReviewTestData.apiErrors().getStatus();

        ReviewMetrics metrics = ReviewPrefill.metrics(record, Optional.of(Instant.parse("2026-11-30T13:55:00Z")));

        assertThat(metrics.getTimeToDetectSeconds()).isEqualTo(600);
        assertThat(metrics.getTimeToRespondSeconds()).isEqualTo(240);
        assertThat(metrics.getTimeToResolveSeconds()).isEqualTo(3600);
        assertThat(metrics.getCustomerImpactSeconds()).as("impact start to mitigation").isEqualTo(2700);
    }

    @Test
    void withoutAKnownImpactStartItStartsAtDetectionAndUnmitigatedImpactLastsUntilResolution() {
        IncidentStatus record = ReviewTestData.apiErrors().getStatus();
        record.setMitigatedAt(null);

        ReviewMetrics metrics = ReviewPrefill.metrics(record, Optional.empty());

        assertThat(metrics.getTimeToDetectSeconds()).isZero();
        assertThat(metrics.getCustomerImpactSeconds()).isEqualTo(3600);
        record.setResolvedAt(null);
        record.setAcknowledgedAt(null);
        assertThat(ReviewPrefill.metrics(record, Optional.empty())).satisfies(m -> {
            assertThat(m.getTimeToRespondSeconds()).as("not yet acknowledged").isNull();
            assertThat(m.getTimeToResolveSeconds()).isNull();
            assertThat(m.getCustomerImpactSeconds()).isNull();
        });
    }

    @Test
    void theReviewIsPrefilledAsTheGuideDoesAndWhatPeopleWroteWins() {
        Incident incident = ReviewTestData.apiErrors();
        PostIncidentReviewStatus status = new PostIncidentReviewStatus();
        PostIncidentReviewSpec spec = new PostIncidentReviewSpec();

        ReviewPrefill.fill(status, spec, incident, false);

        assertThat(status.getTitle()).isEqualTo("Post-Incident Review: API error rate above 5%");
        assertThat(status.getParticipants()).containsExactly("alice@example.com", "bob@example.com");
        assertThat(status.getImpactSummary()).isEqualTo("Affected services: api, chat-completions. Affected regions: us-east-1. "
                + "Estimated affected users: 42000. SLA breach occurred.");
        assertThat(status.getTimeline()).hasSize(3);
        assertThat(status.getRootCause()).isEqualTo("A config push lowered the connection pool to 5.");

        spec.setRootCause("The pool default changed in library 2.3.");
        spec.setParticipants(List.of("dave@example.com"));
        ReviewPrefill.fill(status, spec, incident, false);
        assertThat(status.getRootCause()).isEqualTo("The pool default changed in library 2.3.");
        assertThat(status.getParticipants()).containsExactly("dave@example.com");
    }
}
