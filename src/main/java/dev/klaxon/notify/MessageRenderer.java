package dev.klaxon.notify;

import dev.klaxon.api.v1alpha1.ActionItem;
import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.IncidentSpec;
import dev.klaxon.api.v1alpha1.IncidentStatus;
import dev.klaxon.api.v1alpha1.MaintenanceWindow;
import dev.klaxon.api.v1alpha1.MessageTemplate;
import dev.klaxon.api.v1alpha1.NotificationChannel;
import dev.klaxon.api.v1alpha1.PostIncidentReview;
import dev.klaxon.api.v1alpha1.StatusPageSubscriber;
import dev.klaxon.common.Text;
import dev.klaxon.common.Timestamps;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Renders a notification with Qute: the built-in wording of the incident-response guide
 * (internal alert, executive briefing, acknowledged, resolved) or the channel's own template.
 * Every kind gets the same incident data, so a channel's template can say anything the built-in
 * ones do. A field with no value renders as "-".
 */
public final class MessageRenderer {

    private final SandboxedTemplates templates = new SandboxedTemplates();
    private final Map<String, String> builtIn = new LinkedHashMap<>();

    public MessageRenderer() {
        for (NotificationEvent.Kind kind : NotificationEvent.Kind.values()) {
            builtIn.put(kind.template(), resource("/notify/" + kind.template() + ".txt"));
        }
    }

    /** The kind of message an event of the incident is. */
    static NotificationEvent.Kind kindOf(String event) {
        return NotificationEvent.parse(event).kind();
    }

    /**
     * The message for one channel. Incident data in the text is escaped for the channel's markup
     * (a label value {@code <!channel>} must not notify a whole Slack channel); the structured
     * facts stay as they are. When the channel's own template fails (it is Ready=False for it),
     * the built-in wording goes out instead: a page is never lost to a template.
     */
    public Message render(Incident incident, String event, String about, NotificationChannel channel) {
        NotificationEvent.Kind kind = kindOf(event);
        Map<String, Object> facts = facts(incident);
        Markup markup = Markup.of(channel.getSpec().getType());
        Map<String, Object> data = Map.of("incident", markup.escapeAll(facts), "about", markup.escape(orDash(about)), "event", event,
                "customer", markup.escapeAll(customer(channel)));
        String text = builtIn.get(kind.template());
        String builtInTitle = text.substring(0, text.indexOf('\n'));
        String builtInBody = text.substring(text.indexOf('\n') + 1);
        MessageTemplate own = channel.getSpec().getTemplate();
        String title = renderOr(own != null ? own.getTitle() : null, builtInTitle, data);
        String body = renderOr(own != null ? own.getBody() : null, builtInBody, data);
        String uid = incident.getMetadata().getUid();
        return new Message(kind, event, title.strip(), body.strip(), String.valueOf(incident.getSpec().getSeverity()), "klaxon-" + uid,
                "klaxon-" + uid + "-" + event + "-" + channel.getMetadata().getName(), facts);
    }

    /**
     * A review's notice about one of its action items, always in the built-in wording: a channel's
     * own template is written for incidents. The item's words are escaped for the channel's markup.
     */
    public Message render(PostIncidentReview review, ActionItem item, NotificationEvent event, NotificationChannel channel) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("id", item.getId());
        facts.put("title", orDash(item.getTitle()));
        facts.put("owner", orDash(item.getOwner()));
        facts.put("priority", orDash(item.getPriority()));
        facts.put("category", orDash(item.getCategory()));
        facts.put("dueDate", orDash(item.getDueDate()));
        facts.put("status", orDash(item.getStatus()));
        facts.put("review", review.getMetadata().getName());
        facts.put("namespace", review.getMetadata().getNamespace());
        facts.put("incident", orDash(review.getSpec().getIncidentRef()));
        String[] text = renderBuiltIn(event.kind(), "item", facts, channel);
        String uid = review.getMetadata().getUid();
        return new Message(event.kind(), event.key(), text[0], text[1], String.valueOf(item.getPriority()),
                "klaxon-" + uid + "-" + item.getId(), "klaxon-" + uid + "-" + event.key() + "-" + channel.getMetadata().getName(), facts);
    }

    /**
     * A maintenance window's notice that an occurrence started or ended, always in the built-in
     * wording; {@code held} says (at the end) which held-back alerts open their incidents now.
     */
    public Message render(MaintenanceWindow window, NotificationEvent event, String held, NotificationChannel channel) {
        Instant start = Instant.ofEpochSecond(Long.parseLong(event.detail()));
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("name", window.getMetadata().getName());
        facts.put("namespace", window.getMetadata().getNamespace());
        facts.put("comment", orDash(window.getSpec().getComment()));
        facts.put("createdBy", orDash(window.getSpec().getCreatedBy()));
        facts.put("startsAt", Timestamps.format(start));
        facts.put("endsAt", orDash(held == null ? null : endOf(held)));
        facts.put("held", orDash(held == null ? null : heldOf(held)));
        String[] text = renderBuiltIn(event.kind(), "maintenance", facts, channel);
        String uid = window.getMetadata().getUid();
        return new Message(event.kind(), event.key(), text[0], text[1], "-", "klaxon-" + uid + "-" + event.detail(),
                "klaxon-" + uid + "-" + event.key() + "-" + channel.getMetadata().getName(), facts);
    }

    /**
     * A status page subscriber's notice, from the facts the caller read off the page (among them
     * the subscriber's own links): its built-in wording only, as customers' words are the page's.
     */
    public Message render(StatusPageSubscriber subscriber, NotificationEvent event, Map<String, Object> facts, NotificationChannel channel) {
        String[] text = renderBuiltIn(event.kind(), "subscription", facts, channel);
        String uid = subscriber.getMetadata().getUid();
        return new Message(event.kind(), event.key(), text[0], text[1], "-", "klaxon-" + uid + "-" + event.key(),
                "klaxon-" + uid + "-" + event.key(), facts);
    }

    /** Title and body of a notice in its built-in wording, the facts (under {@code name}) escaped for the channel's markup. */
    private String[] renderBuiltIn(NotificationEvent.Kind kind, String name, Map<String, Object> facts, NotificationChannel channel) {
        String text = builtIn.get(kind.template());
        Map<String, Object> data = Map.of(name, Markup.of(channel.getSpec().getType()).escapeAll(facts));
        // A title is one line (an email's subject, a chat message's heading), whatever a tenant's words hold.
        return new String[] {Text.truncate(renderOr(null, text.substring(0, text.indexOf('\n')), data).replaceAll("\\s+", " ").strip(), 200),
                renderOr(null, text.substring(text.indexOf('\n') + 1), data).strip()};
    }

    /** A maintenance notice's {@code about}: the occurrence's end, a newline, then what it says of held alerts. */
    public static String maintenanceAbout(Instant end, String held) {
        return Timestamps.format(end) + "\n" + held;
    }

    private static String endOf(String about) {
        int newline = about.indexOf('\n');
        return newline < 0 ? about : about.substring(0, newline);
    }

    private static String heldOf(String about) {
        int newline = about.indexOf('\n');
        return newline < 0 ? "" : about.substring(newline + 1);
    }

    private String renderOr(String own, String builtInText, Map<String, Object> data) {
        if (own != null) {
            try {
                return templates.render(own, data);
            } catch (SandboxedTemplates.TemplateException e) {
                // Reported on the channel as InvalidTemplate; this message still goes out.
            }
        }
        try {
            return templates.render(builtInText, data);
        } catch (SandboxedTemplates.TemplateException e) {
            throw new IllegalStateException("a built-in template failed: " + e.getMessage(), e);
        }
    }

    /** Why the channel's own template cannot render (syntax, unknown fields, sections it may not use, size), or empty when it can. */
    public Optional<String> problem(MessageTemplate template) {
        if (template == null) {
            return Optional.empty();
        }
        Incident sample = new Incident();
        sample.getMetadata().setName("sample");
        sample.getMetadata().setNamespace("sample");
        sample.setSpec(new IncidentSpec());
        Map<String, Object> data = Map.of("incident", facts(sample), "about", "-", "event", "escalation-sample-0-1",
                "customer", Map.of("companyName", "-", "statusPageUrl", "-"));
        for (String text : new String[] {template.getTitle(), template.getBody()}) {
            if (text == null) {
                continue;
            }
            try {
                templates.render(text, data);
            } catch (SandboxedTemplates.TemplateException e) {
                return Optional.of(e.getMessage());
            }
        }
        return Optional.empty();
    }

    private static Map<String, Object> customer(NotificationChannel channel) {
        var customers = channel.getSpec().getCustomers();
        return Map.of("companyName", orDash(customers != null ? customers.getCompanyName() : null),
                "statusPageUrl", orDash(customers != null ? customers.getStatusPageUrl() : null));
    }

    /** The resolution before the current round's: the newest one, or the one before it once this round is resolved too. */
    private static String resolvedBefore(IncidentStatus status) {
        List<String> resolutions = status.getResolutions() == null ? List.of() : status.getResolutions();
        int before = resolutions.size() - (status.getResolvedAt() != null ? 2 : 1);
        return before >= 0 ? resolutions.get(before) : null;
    }

    private static Map<String, Object> facts(Incident incident) {
        var spec = incident.getSpec();
        IncidentStatus status = incident.getStatus() != null ? incident.getStatus() : new IncidentStatus();
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("name", incident.getMetadata().getName());
        facts.put("namespace", incident.getMetadata().getNamespace());
        facts.put("title", orDash(spec.getTitle()));
        facts.put("severity", orDash(spec.getSeverity()));
        facts.put("category", orDash(spec.getCategory()));
        facts.put("phase", orDash(status.getPhase() != null ? status.getPhase() : spec.getPhase()));
        facts.put("description", orDash(spec.getDescription()));
        facts.put("commander", orDash(spec.getCommander()));
        facts.put("affectedServices", spec.getImpact() != null && spec.getImpact().getAffectedServices() != null
                ? String.join(", ", spec.getImpact().getAffectedServices()) : "-");
        facts.put("affectedUsers", orDash(spec.getImpact() != null ? spec.getImpact().getAffectedUsersEstimate() : null));
        facts.put("rootCause", orDash(spec.getRootCause()));
        facts.put("detectedAt", orDash(status.getDetectedAt()));
        int round = NotificationEvent.roundOf(status);
        boolean reopened = round > 1;
        // After a reopen, the acknowledgment people hear about is the current round's.
        facts.put("acknowledgedAt", orDash(reopened ? status.getRoundAcknowledgedAt() : status.getAcknowledgedAt()));
        facts.put("round", round);
        facts.put("reopenedAt", orDash(reopened ? status.getReopenedAt() : null));
        facts.put("resolvedBefore", orDash(reopened ? resolvedBefore(status) : null));
        facts.put("resolvedAt", orDash(status.getResolvedAt()));
        facts.put("duration", status.getMttrSeconds() != null ? duration(status.getMttrSeconds()) : "-");
        facts.put("slaBreached", status.getSla() != null && Boolean.TRUE.equals(status.getSla().getBreached()) ? "yes" : "no");
        facts.put("nextUpdateDueAt", orDash(status.getSla() != null ? status.getSla().getNextUpdateDueAt() : null));
        return facts;
    }

    private static String duration(long seconds) {
        long hours = seconds / 3600;
        long minutes = seconds % 3600 / 60;
        return hours > 0 ? hours + "h " + minutes + "m" : minutes + "m " + seconds % 60 + "s";
    }

    private static String orDash(Object value) {
        return value == null || value.toString().isBlank() ? "-" : value.toString();
    }

    private static String resource(String path) {
        try (InputStream in = MessageRenderer.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing template " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
