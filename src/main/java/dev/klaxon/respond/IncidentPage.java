package dev.klaxon.respond;

import dev.klaxon.common.Html;
import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.IncidentStatus;
import dev.klaxon.api.v1alpha1.IncidentUpdate;
import dev.klaxon.api.v1alpha1.NotificationRecord;
import dev.klaxon.api.v1alpha1.PlaybookRun;
import dev.klaxon.api.v1alpha1.PlaybookRunSummary;
import dev.klaxon.api.v1alpha1.StepStatus;
import dev.klaxon.api.v1alpha1.TimelineEntry;
import dev.klaxon.common.PageLink;
import dev.klaxon.common.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The incident as a responder at 03:00 needs it on a phone: what, how bad, since when, who is
 * paged and who answered, then the button (when the link asks for an action), the latest updates,
 * the runbook, the playbooks and their runs, and the timeline. Server-rendered, one stylesheet of
 * its own, no script, no external asset; everything from the incident is escaped.
 */
final class IncidentPage {

    /** What the page shows besides the incident: the confirmation form, a refusal, or what was done. */
    record Notice(Kind kind, String text) {
        enum Kind { confirm, refused, done }
    }

    static final int UPDATES_SHOWN = 5;
    static final int TIMELINE_SHOWN = 30;

    private IncidentPage() {
    }

    /**
     * @param token the link's token, for the confirmation form (empty: no form)
     */
    static String render(Optional<Incident> incident, Optional<PageLink> link, Optional<Notice> notice, Optional<String> token,
            Optional<String> runbook, List<PlaybookRun> runs, Instant now) {
        StringBuilder html = new StringBuilder(8192);
        String title = incident.map(i -> i.getSpec().getTitle()).orElse("Klaxon");
        html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<meta name=\"robots\" content=\"noindex, nofollow\">")
                .append("<meta name=\"referrer\" content=\"no-referrer\">")
                .append("<title>").append(Html.escape(title)).append("</title>")
                .append("<link rel=\"stylesheet\" href=\"/style.css\"></head><body><main>");
        notice.filter(n -> n.kind() != Notice.Kind.confirm).ifPresent(n -> html.append("<p id=\"notice\" class=\"notice ")
                .append(n.kind()).append("\" role=\"status\">").append(Html.escape(n.text())).append("</p>"));
        if (incident.isEmpty()) {
            return html.append("</main></body></html>").toString();
        }
        Incident shown = incident.get();
        IncidentStatus status = shown.getStatus() == null ? new IncidentStatus() : shown.getStatus();
        String severity = String.valueOf(shown.getSpec().getSeverity());
        html.append("<header><span id=\"severity\" class=\"severity ").append(Html.escape(severity.toLowerCase())).append("\">")
                .append(Html.escape(severity)).append("</span> <span id=\"phase\" class=\"phase\">")
                .append(Html.escape(status.getPhase() != null ? status.getPhase() : shown.getSpec().getPhase())).append("</span>")
                .append("<h1 id=\"title\">").append(Html.escape(title)).append("</h1>")
                .append("<p class=\"meta\"><span id=\"open-for\">").append(Html.escape(openFor(status, now))).append("</span> · ")
                .append(Html.escape(shown.getMetadata().getNamespace() + "/" + shown.getMetadata().getName())).append("</p></header>");
        notice.filter(n -> n.kind() == Notice.Kind.confirm).ifPresent(n -> form(html, link.orElseThrow(), token.orElseThrow(), n.text()));
        html.append("<section><h2>People</h2><dl>");
        html.append("<dt>Paged</dt><dd id=\"paged\">").append(Html.escape(paged(status).orElse("nobody yet"))).append("</dd>");
        html.append("<dt>Acknowledged</dt><dd id=\"acknowledged-by\">").append(Html.escape(acknowledged(status).orElse("not yet"))).append("</dd>");
        if (shown.getSpec().getCommander() != null) {
            html.append("<dt>Commander</dt><dd>").append(Html.escape(shown.getSpec().getCommander())).append("</dd>");
        }
        html.append("</dl></section>");
        if (shown.getSpec().getDescription() != null) {
            html.append("<section><h2>What is happening</h2><p>").append(Html.escape(shown.getSpec().getDescription())).append("</p></section>");
        }
        updates(html, shown.getSpec().getUpdates());
        runbook.ifPresent(url -> html.append("<section><h2>Runbook</h2><p><a id=\"runbook\" class=\"big-link\" rel=\"noreferrer\" href=\"")
                .append(Html.escape(url)).append("\">Open the runbook</a></p></section>"));
        playbooks(html, status, runs);
        timeline(html, status.getTimeline());
        html.append("<footer>Opening this page changed nothing. Klaxon</footer></main></body></html>");
        return html.toString();
    }

    private static void form(StringBuilder html, PageLink link, String token, String question) {
        html.append("<form id=\"confirm-form\" method=\"post\" action=\"/l/").append(Html.escape(token)).append("\">")
                .append("<p class=\"question\">").append(Html.escape(question)).append("</p>")
                .append("<input type=\"hidden\" name=\"capability\" value=\"").append(Html.escape(token)).append("\">")
                .append("<button id=\"confirm\" class=\"action ").append(link.action().name()).append("\" type=\"submit\">")
                .append(Html.escape(link.action().label())).append("</button></form>");
    }

    private static void updates(StringBuilder html, List<IncidentUpdate> updates) {
        html.append("<section><h2>Latest updates</h2><ol id=\"updates\" class=\"entries\">");
        List<IncidentUpdate> newest = updates == null ? List.of() : new ArrayList<>(updates);
        Collections.reverse(newest);
        newest.stream().limit(UPDATES_SHOWN).forEach(u -> html.append("<li><time>").append(Html.escape(u.getTime())).append("</time> ")
                .append(Html.escape(u.getAuthor())).append(": ").append(Html.escape(u.getMessage())).append("</li>"));
        if (newest.isEmpty()) {
            html.append("<li>No updates yet.</li>");
        }
        html.append("</ol></section>");
    }

    private static void playbooks(StringBuilder html, IncidentStatus status, List<PlaybookRun> runs) {
        html.append("<section><h2>Playbooks</h2><p id=\"playbooks\">");
        List<String> suggested = status.getSuggestedPlaybooks() == null ? List.of() : status.getSuggestedPlaybooks();
        html.append(suggested.isEmpty() ? "None suggested." : "Suggested: " + Html.escape(String.join(", ", suggested))).append("</p>");
        html.append("<ul id=\"runs\" class=\"entries\">");
        List<PlaybookRunSummary> summaries = status.getPlaybookRuns() == null ? List.of() : status.getPlaybookRuns();
        for (PlaybookRunSummary summary : summaries) {
            html.append("<li><strong>").append(Html.escape(summary.getName())).append("</strong> (").append(Html.escape(summary.getPlaybook()))
                    .append("): ").append(Html.escape(summary.getPhase()));
            runs.stream().filter(r -> r.getMetadata().getName().equals(summary.getName())).findFirst()
                    .filter(r -> r.getStatus() != null && r.getStatus().getSteps() != null).ifPresent(run -> {
                        html.append("<ol class=\"steps\">");
                        for (StepStatus step : run.getStatus().getSteps()) {
                            html.append("<li>").append(Html.escape(step.getName())).append(": ").append(Html.escape(step.getPhase())).append("</li>");
                        }
                        html.append("</ol>");
                    });
            html.append("</li>");
        }
        html.append("</ul><p class=\"hint\">Approving a step needs kubectl: approvals are never taken from a link.</p></section>");
    }

    private static void timeline(StringBuilder html, List<TimelineEntry> timeline) {
        html.append("<section><h2>Timeline</h2><ol id=\"timeline\" class=\"entries\">");
        List<TimelineEntry> newest = timeline == null ? List.of() : new ArrayList<>(timeline);
        Collections.reverse(newest);
        newest.stream().limit(TIMELINE_SHOWN).forEach(e -> html.append("<li><time>").append(Html.escape(e.getTime())).append("</time> ")
                .append(Html.escape(e.getMessage())).append(e.getAuthor() == null ? "" : " — " + Html.escape(e.getAuthor())).append("</li>"));
        html.append("</ol></section>");
    }

    /** The latest page of this round, as the ledger says it ("Level 2 of standard: paging bob via slack"). */
    static Optional<String> paged(IncidentStatus status) {
        List<NotificationRecord> pages = PageActions.pagesOfThisRound(status);
        return pages.isEmpty() ? Optional.empty() : Optional.ofNullable(pages.get(pages.size() - 1).getAbout());
    }

    /** Who acknowledged this round and when, as status records it. */
    static Optional<String> acknowledged(IncidentStatus status) {
        boolean reopened = status.getRound() != null && status.getRound() > 1;
        String at = reopened ? status.getRoundAcknowledgedAt() : status.getAcknowledgedAt();
        String by = reopened ? status.getRoundAcknowledgedBy() : status.getAcknowledgedBy();
        return Optional.ofNullable(at).map(t -> (by == null ? "someone" : by) + " at " + t);
    }

    static String openFor(IncidentStatus status, Instant now) {
        String started = status.getRound() != null && status.getRound() > 1 && status.getReopenedAt() != null ? status.getReopenedAt()
                : status.getDetectedAt();
        if (started == null) {
            return "just opened";
        }
        Instant from = Timestamps.parse(started);
        if (status.getResolvedAt() != null) {
            return "resolved after " + human(Duration.between(from, Timestamps.parse(status.getResolvedAt())));
        }
        return "open for " + human(Duration.between(from, now));
    }

    static String human(Duration duration) {
        long minutes = Math.max(0, duration.toMinutes());
        if (minutes < 1) {
            return Math.max(0, duration.toSeconds()) + "s";
        }
        return minutes >= 60 ? minutes / 60 + "h " + minutes % 60 + "m" : minutes + "m";
    }
}
