package dev.klaxon.notify;

import dev.klaxon.api.v1alpha1.NotificationChannelSpec;
import java.util.List;
import java.util.Map;

/**
 * One rendered notification: what every channel type sends, in its own shape.
 *
 * @param kind      what the message says (its wire name, {@code kind.template()}, is what receivers see)
 * @param dedupKey  stable per incident, so PagerDuty folds trigger, acknowledge and resolve into one alert
 * @param deliveryId stable per (incident, event, channel), for receivers that de-duplicate
 * @param facts     the incident's fields, for structured payloads (webhook, PagerDuty custom details)
 * @param links     a page's links to answer it, one set per person it is for (each sender shows them in its own shape)
 */
public record Message(NotificationEvent.Kind kind, String event, String title, String body, String severity, String dedupKey, String deliveryId,
                      Map<String, Object> facts, List<ActionLinks> links) {

    /** The fact that holds the recipient's own unsubscribe link (a status page subscriber's notices): email adds List-Unsubscribe. */
    public static final String UNSUBSCRIBE = "unsubscribe";

    public Message(NotificationEvent.Kind kind, String event, String title, String body, String severity, String dedupKey, String deliveryId,
            Map<String, Object> facts) {
        this(kind, event, title, body, severity, dedupKey, deliveryId, facts, List.of());
    }

    public Message withLinks(List<ActionLinks> links) {
        return new Message(kind, event, title, body, severity, dedupKey, deliveryId, facts, List.copyOf(links));
    }

    /** The body with the page's links after it, in the channel's markup (Slack, Teams) or as plain lines (email). */
    String bodyWithLinks(NotificationChannelSpec.Type type) {
        if (links.isEmpty()) {
            return body;
        }
        Markup markup = Markup.of(type);
        StringBuilder text = new StringBuilder(body).append("\n\n");
        for (ActionLinks set : links) {
            String who = markup.escape(set.forWhom());
            if (set.buttons()) {
                // The actions are the message's buttons, pressed as who one is in Slack: no text carries them.
                text.append("<").append(set.incident()).append("|Incident page>\n");
                continue;
            }
            text.append(switch (type) {
                case Slack -> "*" + who + ":* <" + set.acknowledge() + "|Acknowledge> · <" + set.escalate() + "|Escalate now> · <"
                        + set.resolve() + "|Resolve> · <" + set.incident() + "|Incident page>";
                case Teams -> "**" + who + ":** [Acknowledge](" + set.acknowledge() + ") · [Escalate now](" + set.escalate() + ") · [Resolve]("
                        + set.resolve() + ") · [Incident page](" + set.incident() + ")";
                default -> who + ":\n  Acknowledge:  " + set.acknowledge() + "\n  Escalate now: " + set.escalate() + "\n  Resolve:      "
                        + set.resolve() + "\n  Incident:     " + set.incident();
            }).append('\n');
        }
        if (links.stream().allMatch(ActionLinks::buttons)) {
            return text.toString().strip();
        }
        text.append(type == NotificationChannelSpec.Type.Email
                ? "\nOpening a link changes nothing: the page it opens asks you to confirm. Each link works once, for you."
                : "\n_Opening a link changes nothing: the page asks you to confirm._");
        return text.toString();
    }
}
