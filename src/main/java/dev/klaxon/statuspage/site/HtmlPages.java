package dev.klaxon.statuspage.site;

import dev.klaxon.common.Html;
import dev.klaxon.api.v1alpha1.ComponentState;
import dev.klaxon.api.v1alpha1.ComponentStatus;
import dev.klaxon.api.v1alpha1.PublicIncident;
import dev.klaxon.api.v1alpha1.PublicIncidentStatus;
import dev.klaxon.api.v1alpha1.PublicMaintenance;
import dev.klaxon.api.v1alpha1.PublicUpdate;
import dev.klaxon.api.v1alpha1.StatusComponent;
import dev.klaxon.api.v1alpha1.StatusPage;
import dev.klaxon.api.v1alpha1.StatusPageStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The page as HTML that needs no JavaScript: semantic sections, status in words as well as
 * colour (colours chosen for contrast on white), 90-day uptime bars, the active incidents with
 * their public updates, the history, and a page per incident. Links are relative to {@code base}
 * ("" for the public page, "/customers" for the customer view).
 */
final class HtmlPages {

    static final int UPTIME_DAYS = 90;

    private final StatusPage page;
    private final StatusPageStatus status;
    private final List<PublicIncident> incidents;
    private final String base;
    private final Instant now;

    HtmlPages(StatusPage page, List<PublicIncident> visibleIncidents, String base, Instant now) {
        this.page = page;
        this.status = page.getStatus() != null ? page.getStatus() : new StatusPageStatus();
        this.incidents = visibleIncidents;
        this.base = base;
        this.now = now;
    }

    String index() {
        StringBuilder html = head(page.getSpec().getTitle());
        ComponentStatus overall = status.getStatus() != null ? status.getStatus() : ComponentStatus.operational;
        html.append("<main>\n<p class=\"overall ").append(css(overall)).append("\">").append(overallWords(overall)).append("</p>\n");
        List<PublicIncident> active = incidents.stream().filter(i -> i.getStatus() != PublicIncidentStatus.resolved).toList();
        if (!active.isEmpty()) {
            html.append("<section aria-labelledby=\"active\">\n<h2 id=\"active\">Active incidents</h2>\n");
            active.forEach(i -> incident(html, i, "h3"));
            html.append("</section>\n");
        }
        maintenances(html);
        html.append("<section aria-labelledby=\"components\">\n<h2 id=\"components\">Components</h2>\n");
        legend(html);
        ComponentOrder.byGroup(page.getSpec().getComponents(), "Services").forEach((group, members) -> {
            html.append("<section class=\"group\">\n<h3>").append(Html.escape(group)).append("</h3>\n<ul class=\"components\">\n");
            members.forEach(c -> component(html, c));
            html.append("</ul>\n</section>\n");
        });
        html.append("</section>\n<p><a href=\"").append(base).append("/history\">Incident history</a></p>\n</main>\n");
        return foot(html);
    }

    String history() {
        StringBuilder html = head(page.getSpec().getTitle() + " – incident history");
        html.append("<main>\n<h2>Incident history</h2>\n");
        if (incidents.isEmpty()) {
            html.append("<p>No incidents in the last 90 days.</p>\n");
        }
        incidents.forEach(i -> incident(html, i, "h3"));
        html.append("<p><a href=\"").append(base).append("/\">Current status</a></p>\n</main>\n");
        return foot(html);
    }

    String incidentPage(PublicIncident incident) {
        return pageOfOne(incident.getTitle(), html -> incident(html, incident, "h2"));
    }

    /** A page of one incident or maintenance, with the way back to the current status. */
    private String pageOfOne(String title, java.util.function.Consumer<StringBuilder> body) {
        StringBuilder html = head(title + " – " + page.getSpec().getTitle());
        html.append("<main>\n");
        body.accept(html);
        html.append("<p><a href=\"").append(base).append("/\">Current status</a></p>\n</main>\n");
        return foot(html);
    }

    /** Maintenance in progress and upcoming, each with its time and the components it covers. */
    private void maintenances(StringBuilder html) {
        List<PublicMaintenance> shown = status.getMaintenances().stream().filter(m -> m.getStatus() != PublicMaintenance.State.completed)
                .sorted(java.util.Comparator.comparing(PublicMaintenance::getScheduledFor)).toList();
        if (shown.isEmpty()) {
            return;
        }
        html.append("<section aria-labelledby=\"maintenance\">\n<h2 id=\"maintenance\">Scheduled maintenance</h2>\n");
        for (PublicMaintenance maintenance : shown) {
            maintenance(html, maintenance, "h3");
        }
        html.append("</section>\n");
    }

    /** One scheduled maintenance on a page of its own: what its shortlink (Statuspage's /incidents/&lt;id&gt;) opens. */
    String maintenancePage(PublicMaintenance maintenance) {
        return pageOfOne(maintenance.getName(), html -> maintenance(html, maintenance, "h2"));
    }

    private void maintenance(StringBuilder html, PublicMaintenance maintenance, String heading) {
        List<String> names = page.getSpec().getComponents().stream().filter(c -> maintenance.getComponents().contains(c.getId()))
                .map(StatusComponent::getName).toList();
        html.append("<article class=\"maintenance\">\n<").append(heading).append("><a href=\"").append(base).append("/incidents/")
                .append(Html.escape(maintenance.getId())).append("\">").append(Html.escape(maintenance.getName())).append("</a></")
                .append(heading).append(">\n<p class=\"meta\">")
                .append(switch (maintenance.getStatus()) {
                    case in_progress -> "In progress";
                    case completed -> "Completed";
                    default -> "Scheduled";
                })
                .append(" · <time datetime=\"").append(Html.escape(maintenance.getScheduledFor())).append("\">")
                .append(Html.escape(readable(maintenance.getScheduledFor()))).append("</time> to <time datetime=\"")
                .append(Html.escape(maintenance.getScheduledUntil())).append("\">").append(Html.escape(readable(maintenance.getScheduledUntil())))
                .append("</time>");
        if (!names.isEmpty()) {
            html.append(" · ").append(Html.escape(String.join(", ", names)));
        }
        html.append("</p>\n</article>\n");
    }

    /**
     * One incident, drawn by its impact as Statuspage draws it (critical, major, minor, none: the
     * border and a label in words); on its own page also the components it affects and its impact.
     */
    private void incident(StringBuilder html, PublicIncident incident, String heading) {
        String impact = StatuspageV2.impact(incident.getSeverity());
        html.append("<article class=\"incident impact-").append(impact).append("\">\n<").append(heading).append("><a href=\"").append(base)
                .append("/incidents/").append(Html.escape(incident.getId())).append("\">").append(Html.escape(incident.getTitle())).append("</a></")
                .append(heading).append(">\n<p class=\"meta\"><span class=\"impact\">").append(impactWords(impact)).append("</span> · ")
                .append(capitalized(incident.getStatus().name()))
                .append(" · began <time datetime=\"").append(Html.escape(incident.getStartedAt())).append("\">")
                .append(Html.escape(readable(incident.getStartedAt()))).append("</time>");
        if (incident.getResolvedAt() != null) {
            html.append(" · resolved <time datetime=\"").append(Html.escape(incident.getResolvedAt())).append("\">")
                    .append(Html.escape(readable(incident.getResolvedAt()))).append("</time>");
        }
        html.append("</p>\n");
        if (heading.equals("h2")) {
            List<String> affected = page.getSpec().getComponents().stream().filter(c -> incident.getComponents().contains(c.getId()))
                    .map(StatusComponent::getName).toList();
            html.append("<dl class=\"facts\">");
            if (incident.getImpact() != null && !incident.getImpact().isBlank()) {
                html.append("<dt>Impact</dt><dd>").append(Html.escape(incident.getImpact())).append("</dd>");
            }
            html.append("<dt>Affected components</dt><dd>").append(affected.isEmpty() ? "None listed" : Html.escape(String.join(", ", affected)))
                    .append("</dd></dl>\n");
        }
        if (incident.getPostmortem() != null) {
            html.append("<section class=\"postmortem\"><h4>Postmortem</h4><p>").append(Html.escape(incident.getPostmortem()))
                    .append("</p></section>\n");
        }
        html.append("<ol class=\"updates\" reversed>\n");
        List<PublicUpdate> updates = new ArrayList<>(incident.getUpdates());
        java.util.Collections.reverse(updates);
        for (PublicUpdate update : updates) {
            html.append("<li><strong>").append(capitalized(update.getStatus().name())).append("</strong> – ")
                    .append(Html.escape(update.getMessage())).append(" <time class=\"posted\" datetime=\"").append(Html.escape(update.getTime()))
                    .append("\">").append(Html.escape(readable(update.getTime()))).append("</time></li>\n");
        }
        html.append("</ol>\n</article>\n");
    }

    private void component(StringBuilder html, StatusComponent component) {
        java.util.Optional<ComponentState> state = status.getComponents().stream().filter(s -> s.getId().equals(component.getId())).findFirst();
        ComponentStatus now = state.map(ComponentState::getStatus).orElse(ComponentStatus.operational);
        html.append("<li class=\"component\" id=\"component-").append(Html.escape(component.getId())).append("\">\n<span class=\"name\">")
                .append(Html.escape(component.getName())).append("</span> <span class=\"state ").append(css(now)).append("\">")
                .append(words(now)).append("</span>\n");
        if (component.getDescription() != null) {
            html.append("<span class=\"description\">").append(Html.escape(component.getDescription())).append("</span>\n");
        }
        if (showsSli(state)) {
            sliBars(html, state.get());
        } else {
            incidentBars(html, component);
        }
        html.append("</li>\n");
    }

    /** Whether the component's bars are its objective's days (its state has them, readable). */
    private static boolean showsSli(java.util.Optional<ComponentState> state) {
        if (state.isEmpty() || state.get().getDailySli() == null || state.get().getObjective() == null || state.get().getDailySliThrough() == null) {
            return false;
        }
        try {
            java.time.LocalDate.parse(state.get().getDailySliThrough());
            return true;
        } catch (java.time.format.DateTimeParseException e) {
            return false;
        }
    }

    /** The component's days by the time incidents took it down. */
    private void incidentBars(StringBuilder html, StatusComponent component) {
        List<Uptime.Day> days = Uptime.daily(status.getHistory(), component.getId(), this.now, UPTIME_DAYS);
        html.append("<div class=\"uptime\" aria-hidden=\"true\">");
        for (Uptime.Day day : days) {
            html.append("<span class=\"").append(css(day.worst())).append("\" title=\"").append(day.date()).append(": ")
                    .append(percent(day.up())).append(" up").append(day.worst() == ComponentStatus.operational ? "" : ", " + words(day.worst()).toLowerCase(Locale.ROOT))
                    .append("\"></span>");
        }
        html.append("</div>\n<div class=\"uptime-scale\" aria-hidden=\"true\"><span>").append(UPTIME_DAYS)
                .append(" days ago</span><span class=\"uptime-total\">").append(percent(Uptime.overall(days, this.now)))
                .append(" uptime over the last ").append(UPTIME_DAYS).append(" days</span><span>Today</span></div>\n");
    }

    /** The component's complete days by its objective's SLI, up to yesterday (a day counts once it is over). */
    private void sliBars(StringBuilder html, ComponentState state) {
        List<SliDays.Day> days = SliDays.daily(state.getDailySli(), java.time.LocalDate.parse(state.getDailySliThrough()), state.getObjective(),
                UPTIME_DAYS);
        html.append("<div class=\"uptime\" aria-hidden=\"true\">");
        for (SliDays.Day day : days) {
            html.append("<span class=\"").append(day.sli() == null ? "s-no-data" : css(day.look())).append("\" title=\"").append(day.date())
                    .append(": ").append(day.sli() == null ? "no data" : percent(day.sli() / 100) + " good").append("\"></span>");
        }
        html.append("</div>\n<div class=\"uptime-scale\" aria-hidden=\"true\"><span>").append(UPTIME_DAYS)
                .append(" days ago</span><span class=\"uptime-total\">");
        java.util.OptionalDouble overall = SliDays.overall(days);
        if (overall.isPresent()) {
            html.append(percent(overall.getAsDouble() / 100)).append(" good over the last ").append(SliDays.known(days))
                    .append(" days (objective ").append(new java.math.BigDecimal(String.valueOf(state.getObjective())).stripTrailingZeros().toPlainString() + "%").append(")");
        }
        html.append("</span><span>").append(Html.escape(state.getDailySliThrough())).append("</span></div>\n");
    }

    /** What the colours of the uptime bars mean, once above the components. */
    private void legend(StringBuilder html) {
        html.append("<ul class=\"legend\" aria-label=\"Uptime bar colours\">");
        for (ComponentStatus status : ComponentStatus.values()) {
            html.append("<li><span class=\"swatch ").append(css(status)).append("\"></span>").append(words(status)).append("</li>");
        }
        if (this.status.getComponents().stream().anyMatch(s -> showsSli(java.util.Optional.of(s)))) {
            html.append("<li><span class=\"swatch s-no-data\"></span>No data</li>");
        }
        html.append("</ul>\n");
    }

    private StringBuilder head(String title) {
        return new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>").append(Html.escape(title))
                .append("</title>\n<link rel=\"stylesheet\" href=\"").append(base).append("/style.css\">\n")
                .append("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Incidents\" href=\"").append(base).append("/feed.atom\">\n")
                .append("</head>\n<body>\n<header><h1>").append(Html.escape(page.getSpec().getTitle())).append("</h1></header>\n");
    }

    private String foot(StringBuilder html) {
        html.append("<footer><p>Times are UTC. Subscribe: ");
        if (base.isEmpty() && page.getSpec().getSubscriptions() != null) {
            html.append("<a href=\"/subscribe\">").append(page.getSpec().getSubscriptions().getEmailChannel() != null ? "Email" : "Webhook")
                    .append("</a> · ");
        }
        return html.append("<a href=\"").append(base).append("/feed.atom\">Atom</a> · <a href=\"")
                .append(base).append("/feed.rss\">RSS</a> · <a href=\"").append(base)
                .append("/api/v2/summary.json\">API</a></p></footer>\n</body>\n</html>\n").toString();
    }

    static String css(ComponentStatus status) {
        return "s-" + status.name().replace('_', '-');
    }

    static String words(ComponentStatus status) {
        return switch (status) {
            case operational -> "Operational";
            case maintenance -> "Under maintenance";
            case degraded -> "Degraded performance";
            case partial_outage -> "Partial outage";
            case major_outage -> "Major outage";
        };
    }

    private static String overallWords(ComponentStatus status) {
        return switch (status) {
            case operational -> "All systems operational";
            case maintenance -> "Service under maintenance";
            case degraded -> "Degraded performance";
            case partial_outage -> "Partial system outage";
            case major_outage -> "Major system outage";
        };
    }

    private static String capitalized(String word) {
        return word.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    private static String readable(String time) {
        return time == null ? "" : time.replace('T', ' ').replace("Z", " UTC");
    }

    /**
     * Two decimals, rounded down: a few minutes of outage in 90 days is 99.99 %, never the
     * "100.00 %" rounding would show during a live outage.
     */
    static String percent(double share) {
        // The epsilon keeps binary fractions (0.29 * 10000 = 2899.9999...) from losing a hundredth.
        return String.format(Locale.ROOT, "%.2f%%", Math.floor(share * 10_000 + 1e-6) / 100);
    }

    private static String impactWords(String impact) {
        return switch (impact) {
            case "critical" -> "Critical impact";
            case "major" -> "Major impact";
            case "minor" -> "Minor impact";
            default -> "No impact";
        };
    }

    /** The stylesheet: status colours with at least 4.5:1 contrast against white (WCAG AA) for text. */
    static final String STYLE = """
            body { font-family: system-ui, sans-serif; margin: 0 auto; max-width: 52rem; padding: 1rem; color: #1f2328; background: #ffffff; }
            a { color: #0550ae; }
            .overall { font-size: 1.25rem; font-weight: bold; padding: 1rem; color: #ffffff; border-radius: 6px; }
            .overall.s-operational { background: #1a7f37; } .overall.s-maintenance { background: #0550ae; }
            .overall.s-degraded { background: #9a6700; } .overall.s-partial-outage { background: #bc4c00; }
            .overall.s-major-outage { background: #cf222e; }
            .state.s-operational { color: #1a7f37; } .state.s-maintenance { color: #0550ae; } .state.s-degraded { color: #9a6700; }
            .state.s-partial-outage { color: #bc4c00; } .state.s-major-outage { color: #cf222e; }
            .components { list-style: none; padding: 0; } .component { padding: 0.5rem 0; border-bottom: 1px solid #d0d7de; }
            .name { font-weight: bold; } .state { float: right; font-weight: bold; } .description { display: block; color: #57606a; }
            .uptime { display: flex; gap: 1px; height: 1.5rem; margin: 0.25rem 0; }
            .uptime span, .swatch { flex: 1; background: #2da44e; }
            .uptime span.s-degraded, .swatch.s-degraded { background: #bf8700; }
            .uptime span.s-partial-outage, .swatch.s-partial-outage { background: #e16f24; }
            .uptime span.s-major-outage, .swatch.s-major-outage { background: #cf222e; }
            .uptime span.s-maintenance, .swatch.s-maintenance { background: #218bff; }
            .uptime span.s-no-data, .swatch.s-no-data { background: #d0d7de; }
            .uptime-scale { display: flex; justify-content: space-between; font-size: 0.875rem; color: #57606a; }
            .legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; font-size: 0.875rem; color: #57606a; }
            .swatch { display: inline-block; width: 0.75rem; height: 0.75rem; margin-right: 0.25rem; vertical-align: middle; }
            .incident { border-left: 4px solid #8c959f; padding-left: 0.75rem; margin-bottom: 1rem; }
            .incident.impact-minor { border-left-color: #bf8700; } .incident.impact-major { border-left-color: #e16f24; }
            .incident.impact-critical { border-left-color: #cf222e; }
            .impact { font-weight: bold; } .impact-minor .impact { color: #9a6700; } .impact-major .impact { color: #bc4c00; }
            .impact-critical .impact { color: #cf222e; }
            .updates time.posted { display: block; font-size: 0.875rem; color: #57606a; }
            .facts dt { font-weight: bold; } .facts dd { margin: 0 0 0.5rem 0; }
            .meta { color: #57606a; } footer { margin-top: 2rem; color: #57606a; font-size: 0.875rem; }
            """;
}
