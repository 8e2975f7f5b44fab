package dev.klaxon.notify;

import dev.klaxon.api.v1alpha1.NotificationChannelSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How incident data is escaped in a channel's text: the channel's own template may use its
 * markup, but a title, label value or note from the incident is text. Slack reads
 * {@code <!channel>} and {@code <https://x|ack>} as a mention and a link; Teams reads HTML and
 * Markdown.
 */
enum Markup {
    /** Slack mrkdwn: its three control characters, as Slack documents. */
    SLACK {
        @Override
        String escape(String text) {
            return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        }
    },
    /** Teams MessageCard text: HTML, and the Markdown that makes links and emphasis. */
    TEAMS {
        @Override
        String escape(String text) {
            StringBuilder out = new StringBuilder(text.length() + 16);
            for (char c : text.toCharArray()) {
                switch (c) {
                    case '&' -> out.append("&amp;");
                    case '<' -> out.append("&lt;");
                    case '>' -> out.append("&gt;");
                    case '[', ']', '(', ')', '*', '_', '`', '#', '\\' -> out.append('\\').append(c);
                    default -> out.append(c);
                }
            }
            return out.toString();
        }
    },
    /** Email, PagerDuty and webhooks carry plain text (and structured facts) as it is. */
    PLAIN {
        @Override
        String escape(String text) {
            return text;
        }
    };

    abstract String escape(String text);

    static Markup of(NotificationChannelSpec.Type type) {
        return switch (type) {
            case Slack -> SLACK;
            case Teams -> TEAMS;
            default -> PLAIN;
        };
    }

    /** The same map with its string values escaped. */
    Map<String, Object> escapeAll(Map<String, Object> facts) {
        Map<String, Object> escaped = new LinkedHashMap<>();
        facts.forEach((name, value) -> escaped.put(name, value instanceof String text ? escape(text) : value));
        return escaped;
    }
}
