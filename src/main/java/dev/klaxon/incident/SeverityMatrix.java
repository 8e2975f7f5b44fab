package dev.klaxon.incident;

import dev.klaxon.api.v1alpha1.Responder.Role;
import dev.klaxon.api.v1alpha1.Severity;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Per-severity targets and staffing from the incident-response guide: how soon an incident must
 * be acknowledged, how often it needs an update, when it escalates, and which roles it needs.
 */
public final class SeverityMatrix {

    public record Targets(Duration response, Duration update, Duration escalation, boolean executiveNotification,
                          List<Role> requiredRoles) {
    }

    private static final List<Role> ALL_ROLES = List.of(Role.incident_commander, Role.technical_lead, Role.communications_lead,
            Role.scribe, Role.subject_matter_expert, Role.responder);

    private final Map<Severity, Targets> targets;

    public SeverityMatrix(Map<Severity, Targets> targets) {
        this.targets = new EnumMap<>(targets);
    }

    public static SeverityMatrix defaults() {
        Map<Severity, Targets> t = new EnumMap<>(Severity.class);
        t.put(Severity.SEV1, new Targets(minutes(5), minutes(15), minutes(30), true, ALL_ROLES));
        t.put(Severity.SEV2, new Targets(minutes(15), minutes(30), minutes(60), true, ALL_ROLES));
        t.put(Severity.SEV3, new Targets(minutes(30), minutes(60), minutes(120), false,
                List.of(Role.technical_lead, Role.subject_matter_expert, Role.responder)));
        t.put(Severity.SEV4, new Targets(minutes(60), minutes(120), minutes(240), false, List.of(Role.responder)));
        t.put(Severity.SEV5, new Targets(minutes(480), minutes(1440), minutes(2880), false, List.of()));
        return new SeverityMatrix(t);
    }

    /** The defaults with the configured overrides applied. */
    public static SeverityMatrix from(Map<String, dev.klaxon.common.KlaxonConfig.SlaTargets> overrides) {
        Map<Severity, Targets> t = new EnumMap<>(defaults().targets);
        overrides.forEach((key, o) -> {
            Severity severity = Severity.valueOf(key.toUpperCase(java.util.Locale.ROOT));
            Targets d = t.get(severity);
            t.put(severity, new Targets(o.response().orElse(d.response()), o.update().orElse(d.update()),
                    o.escalation().orElse(d.escalation()), d.executiveNotification(), d.requiredRoles()));
        });
        return new SeverityMatrix(t);
    }

    public Targets of(Severity severity) {
        return targets.get(severity);
    }

    private static Duration minutes(long minutes) {
        return Duration.ofMinutes(minutes);
    }
}
