package dev.klaxon.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.api.v1alpha1.PostIncidentReview;
import dev.klaxon.api.v1alpha1.PostIncidentReviewStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ReviewDocumentTest {

    private static final Path GOLDEN = Path.of("src/test/resources/review/api-errors.md");

    @Test
    void theDocumentHasEveryOneOfTheGuidesSectionsAsInTheGoldenFile() throws Exception {
        PostIncidentReview review = ReviewTestData.review();
        PostIncidentReviewStatus status = new PostIncidentReviewStatus();
        status.setDate("2026-12-01T09:00:00Z");
        ReviewPrefill.fill(status, review.getSpec(), ReviewTestData.apiErrors(), false);
        review.setStatus(status);

        String document = ReviewDocument.render(review);

        if (Boolean.getBoolean("klaxon.updateGolden")) {
            Files.writeString(GOLDEN, document, StandardCharsets.UTF_8);
        }
        assertThat(document).isEqualTo(Files.readString(GOLDEN, StandardCharsets.UTF_8));
        assertThat(document.lines().filter(l -> l.startsWith("#"))).containsExactly("# Post-Incident Review: API error rate above 5%",
                "## Summary", "## Impact", "## Timeline", "## Root Cause", "### Contributing Factors", "## What Went Well",
                "## What Could Improve", "## Metrics", "## Action Items");
    }

    @Test
    void textPeopleWroteCannotBreakATableOrTheDocumentsSize() {
        PostIncidentReview review = ReviewTestData.review();
        review.getSpec().getActionItems().get(0).setTitle("two | cells\nand a line");

        assertThat(ReviewDocument.render(review))
                .contains("| AI-api-errors-1 | two \\| cells and a line | bob@example.com | P0 | 2026-12-05 | open |");

        review.getSpec().setSummary("事".repeat(ReviewDocument.MAX_BYTES));
        String document = ReviewDocument.render(review);
        assertThat(document.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThan(ReviewDocument.MAX_BYTES + 200);
        assertThat(document).endsWith("KiB)\n");
    }
}
