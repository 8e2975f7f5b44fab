package dev.klaxon.review;

import dev.klaxon.api.v1alpha1.ActionItem;
import dev.klaxon.api.v1alpha1.PostIncidentReview;
import dev.klaxon.api.v1alpha1.PostIncidentReviewSpec;
import dev.klaxon.api.v1alpha1.PostIncidentReviewStatus;
import dev.klaxon.api.v1alpha1.ReviewMetrics;
import dev.klaxon.api.v1alpha1.TimelineEntry;
import java.util.List;

/**
 * The review as the guide's Markdown document, with exactly its sections: the header (date,
 * facilitator, participants, status), Summary, Impact, Timeline, Root Cause, Contributing Factors,
 * What Went Well, What Could Improve, Metrics and Action Items. Table cells are escaped, so no
 * text a person wrote can break the tables. Bounded: the caller keeps it under its budget.
 */
public final class ReviewDocument {

    /** The largest document kept, in UTF-8 bytes (a ConfigMap holds up to 1 MiB). */
    static final int MAX_BYTES = 512 * 1024;

    private ReviewDocument() {
    }

    public static String render(PostIncidentReview review) {
        PostIncidentReviewSpec spec = review.getSpec();
        PostIncidentReviewStatus status = review.getStatus() != null ? review.getStatus() : new PostIncidentReviewStatus();
        StringBuilder doc = new StringBuilder();
        doc.append("# ").append(line(status.getTitle())).append("\n\n");
        doc.append("**Date:** ").append(status.getDate() == null ? "" : status.getDate().substring(0, Math.min(10, status.getDate().length())))
                .append("\n**Facilitator:** ").append(line(spec.getFacilitator()))
                .append("\n**Participants:** ").append(line(status.getParticipants() == null ? "" : String.join(", ", status.getParticipants())))
                .append("\n**Status:** ").append(spec.getPhase()).append("\n\n");
        doc.append("## Summary\n\n").append(text(spec.getSummary())).append("\n\n");
        doc.append("## Impact\n\n").append(text(status.getImpactSummary())).append("\n\n");
        doc.append("## Timeline\n\n| Time | Event |\n|------|-------|\n");
        for (TimelineEntry entry : status.getTimeline()) {
            doc.append("| ").append(cell(timeOfDay(entry.getTime()))).append(" | ").append(cell(entry.getMessage())).append(" |\n");
        }
        doc.append("\n## Root Cause\n\n").append(text(status.getRootCause())).append("\n\n");
        doc.append("### Contributing Factors\n\n");
        list(doc, status.getContributingFactors());
        doc.append("\n## What Went Well\n\n");
        list(doc, spec.getWhatWentWell());
        doc.append("\n## What Could Improve\n\n");
        list(doc, spec.getWhatCouldImprove());
        ReviewMetrics metrics = status.getMetrics() != null ? status.getMetrics() : new ReviewMetrics();
        doc.append("\n## Metrics\n\n| Metric | Value |\n|--------|-------|\n")
                .append("| Time to Detect | ").append(minutes(metrics.getTimeToDetectSeconds())).append(" |\n")
                .append("| Time to Respond | ").append(minutes(metrics.getTimeToRespondSeconds())).append(" |\n")
                .append("| Time to Resolve | ").append(minutes(metrics.getTimeToResolveSeconds())).append(" |\n")
                .append("| Customer Impact Duration | ").append(minutes(metrics.getCustomerImpactSeconds())).append(" |\n");
        doc.append("\n## Action Items\n\n| ID | Title | Owner | Priority | Due Date | Status |\n|----|-------|-------|----------|----------|--------|\n");
        for (ActionItem item : spec.getActionItems()) {
            doc.append("| ").append(cell(item.getId())).append(" | ").append(cell(item.getTitle())).append(" | ").append(cell(item.getOwner()))
                    .append(" | ").append(item.getPriority()).append(" | ").append(item.getDueDate().substring(0, 10)).append(" | ")
                    .append(item.getStatus()).append(" |\n");
        }
        byte[] bytes = doc.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (bytes.length <= MAX_BYTES) {
            return doc.toString();
        }
        // Cut at a character boundary: decoding the first MAX_BYTES drops a split character's remains.
        String cut = new String(bytes, 0, MAX_BYTES, java.nio.charset.StandardCharsets.UTF_8).replaceAll("\uFFFD+$", "");
        return cut + "\n\n(truncated: the review is longer than " + MAX_BYTES / 1024 + " KiB)\n";
    }

    private static void list(StringBuilder doc, List<String> items) {
        if (items != null) {
            items.forEach(item -> doc.append("- ").append(line(item)).append('\n'));
        }
    }

    private static String minutes(Long seconds) {
        return seconds == null ? "n/a" : Math.round(seconds / 60.0) + " minutes";
    }

    /** "2026-12-01T14:05:09Z" → "14:05 UTC", as the guide writes the timeline. */
    private static String timeOfDay(String time) {
        return time == null || time.length() < 16 ? "" : time.substring(11, 16) + " UTC";
    }

    private static String text(String value) {
        return value == null ? "" : value.strip();
    }

    private static String line(String value) {
        return value == null ? "" : value.replace('\n', ' ').replace('\r', ' ');
    }

    private static String cell(String value) {
        return line(value).replace("|", "\\|");
    }
}
