package dev.klaxon.respond;

import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.KlaxonApi;
import dev.klaxon.api.v1alpha1.PlaybookRun;
import dev.klaxon.api.v1alpha1.PlaybookRunSummary;
import dev.klaxon.common.PageLink;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * What the responder site answers to a link: opening it ({@link #show}) never changes anything;
 * only the POST of the page's button ({@link #act}), carrying the same capability, acts. Every
 * link is checked (signature, expiry, incident, round) before anything about the incident is
 * read or shown, and each link's requests are rate limited.
 */
final class ResponderSite {

    /** What to send back. */
    /** The page to show, and what it says in words (for Slack, which shows no page). */
    record Answer(int status, String html, String text) {
        static Answer words(int status, String text) {
            return new Answer(status, "", text);
        }
    }

    /** A metric's labels: the link's action and what came of it (done, refused, conflict). */
    record Outcome(PageLink.Action action, String outcome) {
    }

    private static final String BUTTON_ONLY = "This is a Slack button's capability: it acts only when pressed in Slack.";

    /** Decisions retried when the incident changed between reading and writing it. */
    static final int ATTEMPTS = 3;

    private final Incidents incidents;
    private final Supplier<Optional<PublicKey>> key;
    private final Clock clock;
    private final Buckets perLink;
    private final Map<Outcome, LongAdder> actions = new ConcurrentHashMap<>();

    ResponderSite(Incidents incidents, Supplier<Optional<PublicKey>> key, Clock clock) {
        this.incidents = incidents;
        this.key = key;
        this.clock = clock;
        this.perLink = new Buckets(10, Duration.ofSeconds(6), 10_000, clock);
    }

    Answer show(String token) {
        return checked(token, (link, incident) -> {
            if (link.button()) {
                return refused(403, BUTTON_ONLY);
            }
            if (link.action() == PageLink.Action.view) {
                return page(200, incident, link, Optional.empty(), token);
            }
            PageActions.Decision decision = PageActions.decide(link, incident, PageActions.VIA, requestTime());
            if (decision.refusal().isPresent()) {
                return page(409, incident, link, Optional.of(new IncidentPage.Notice(IncidentPage.Notice.Kind.refused, decision.refusal().get())), token);
            }
            return page(200, incident, link, Optional.of(new IncidentPage.Notice(IncidentPage.Notice.Kind.confirm,
                    question(link))), token);
        });
    }

    Answer act(String token, String capability) {
        if (!token.equals(capability)) {
            return refused(400, "The confirmation does not belong to this link. Open the link again and press its button.");
        }
        return checked(token, (link, incident) -> {
            if (link.button()) {
                return refused(403, BUTTON_ONLY);
            }
            if (link.action() == PageLink.Action.view) {
                return refused(405, "This link only shows the incident.");
            }
            Performed performed = perform(link, incident, PageActions.VIA);
            if (performed.incident() == null || !link.uid().equals(performed.incident().getMetadata().getUid())) {
                return refused(performed.status() == 503 ? 503 : 410, performed.notice().text());
            }
            return page(performed.status(), performed.incident(), link, Optional.of(performed.notice()), token);
        });
    }

    /**
     * A press of a page's Slack button by {@code slackUser}: the same action, as the person an
     * on-call schedule of the incident's namespace names for that member, when this round's pages
     * were for that person.
     *
     * @return what happened, in words
     */
    String actFromSlack(String token, String slackUser) {
        Answer answer = checked(token, (link, incident) -> {
            if (!link.button() || link.action() == PageLink.Action.view) {
                return Answer.words(403, "Only a page's Acknowledge, Escalate now and Resolve buttons act from Slack.");
            }
            Optional<String> person = incidents.personOfSlackMember(link.namespace(), slackUser);
            if (person.isEmpty()) {
                count(link, "refused");
                return Answer.words(403, "Slack member " + slackUser + " is not among the contacts of an on-call schedule in " + link.namespace()
                        + ": nothing changed.");
            }
            if (!PageActions.wasPagedFor(incident, person.get())) {
                count(link, "refused");
                return Answer.words(403, person.get() + " was not among the people this incident's pages were for: nothing changed.");
            }
            Performed performed = perform(link.pressedBy(person.get()), incident, PageActions.VIA_SLACK);
            return Answer.words(performed.status(), performed.notice().text());
        });
        return answer.text();
    }

    /** What an action did: the answer's status, the incident to show (null: none), and what to say. */
    private record Performed(int status, Incident incident, IncidentPage.Notice notice) {
    }

    /** Decides on the incident as it is and writes; decided again when it changed in between. */
    private Performed perform(PageLink link, Incident incident, String via) {
        Incident current = incident;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            PageActions.Decision decision = PageActions.decide(link, current, via, requestTime());
            if (decision.refusal().isPresent()) {
                count(link, "refused");
                return new Performed(409, current, new IncidentPage.Notice(IncidentPage.Notice.Kind.refused, decision.refusal().get()));
            }
            Optional<Incident> changed = incidents.patch(link.namespace(), link.name(), decision.patch());
            if (changed.isPresent()) {
                count(link, "done");
                return new Performed(200, changed.get(), new IncidentPage.Notice(IncidentPage.Notice.Kind.done, done(link, decision.done())));
            }
            current = incidents.get(link.namespace(), link.name());
            Optional<String> stale = PageActions.stale(link, current);
            if (stale.isPresent()) {
                count(link, "refused");
                return new Performed(409, current, new IncidentPage.Notice(IncidentPage.Notice.Kind.refused, stale.get()));
            }
        }
        count(link, "conflict");
        return new Performed(503, null, new IncidentPage.Notice(IncidentPage.Notice.Kind.refused,
                "The incident kept changing while this was being recorded. Open the link again."));
    }

    /** Actions taken and refused, by action and outcome, for the metrics. */
    Map<Outcome, LongAdder> actions() {
        return actions;
    }

    @FunctionalInterface
    private interface WithIncident {
        Answer answer(PageLink link, Incident incident);
    }

    private Answer checked(String token, WithIncident then) {
        Optional<PublicKey> publicKey = key.get();
        if (publicKey.isEmpty()) {
            return refused(503, "The responder site has not read Klaxon's public key yet. Try again in a minute.");
        }
        PageLink.Checked checked = PageLink.check(token, publicKey.get(), clock.instant());
        if (checked.link().isEmpty()) {
            return refused(checked.refusal().orElseThrow() == PageLink.Refusal.ALTERED ? 403 : 400, checked.refusal().get().message());
        }
        PageLink link = checked.link().get();
        if (!perLink.take(link.id())) {
            return refused(429, "This link was opened too often just now. Wait a minute.");
        }
        if (checked.refusal().isPresent()) {
            return refused(410, checked.refusal().get().message() + " It worked until " + link.expiresAt() + ".");
        }
        Incident incident;
        try {
            incident = incidents.get(link.namespace(), link.name());
        } catch (KubernetesClientException e) {
            return refused(503, "The incident cannot be read right now. Try again, or use kubectl klaxon.");
        }
        Optional<String> stale = PageActions.stale(link, incident);
        if (stale.isPresent()) {
            return staleAnswer(link, incident, stale.get(), token);
        }
        try {
            return then.answer(link, incident);
        } catch (KubernetesClientException e) {
            return refused(503, "The change could not be recorded (HTTP " + e.getCode() + "). Try again, or use kubectl klaxon.");
        }
    }

    /** Another round of the same incident may be shown (the person was paged about it); another incident never. */
    private Answer staleAnswer(PageLink link, Incident incident, String why, String token) {
        boolean sameIncident = incident != null && link.uid().equals(incident.getMetadata().getUid());
        return sameIncident ? page(409, incident, link, Optional.of(new IncidentPage.Notice(IncidentPage.Notice.Kind.refused, why)), token)
                : refused(410, why);
    }

    private Answer page(int status, Incident incident, PageLink link, Optional<IncidentPage.Notice> notice, String token) {
        List<String> runNames = incident.getStatus() == null || incident.getStatus().getPlaybookRuns() == null ? List.of()
                : incident.getStatus().getPlaybookRuns().stream().map(PlaybookRunSummary::getName).toList();
        List<PlaybookRun> runs = runNames.isEmpty() ? List.of() : incidents.runs(link.namespace(), runNames);
        // The AlertRule's runbook, as the operator noted it on the incident it opened; only an http(s) link is shown.
        Optional<String> runbook = Optional.ofNullable(incident.getMetadata().getAnnotations()).map(a -> a.get(KlaxonApi.ANNOTATION_RUNBOOK_URL))
                .filter(url -> url.startsWith("https://") || url.startsWith("http://"));
        return new Answer(status, IncidentPage.render(Optional.of(incident), Optional.of(link), notice, Optional.of(token), runbook, runs,
                clock.instant()), notice.map(IncidentPage.Notice::text).orElse(""));
    }

    private Answer refused(int status, String why) {
        return new Answer(status, IncidentPage.render(Optional.empty(), Optional.empty(),
                Optional.of(new IncidentPage.Notice(IncidentPage.Notice.Kind.refused, why)), Optional.empty(), Optional.empty(), List.of(),
                clock.instant()), why);
    }

    /** Now, to the millisecond: two requests a second apart are two requests. */
    private String requestTime() {
        return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString();
    }

    private static String question(PageLink link) {
        return switch (link.action()) {
            case acknowledge -> "Acknowledge this incident as " + link.actor() + "? The escalation stops: nobody else is paged.";
            case escalate -> "Page the next level of the escalation now, as " + link.actor() + "?";
            case resolve -> "Resolve this incident as " + link.actor() + "?";
            case view -> "";
        };
    }

    private static String done(PageLink link, String what) {
        return switch (link.action()) {
            case acknowledge -> what + " as " + link.actor() + ". The escalation stops: nobody else is paged.";
            case escalate -> what + " as " + link.actor() + ": the next level is paged now.";
            case resolve -> what + " as " + link.actor() + ".";
            case view -> what;
        };
    }

    private void count(PageLink link, String outcome) {
        actions.computeIfAbsent(new Outcome(link.action(), outcome), k -> new LongAdder()).increment();
    }
}
