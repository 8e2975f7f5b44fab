package dev.klaxon.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.klaxon.common.Text;

/**
 * A page as Slack Block Kit: its text, then buttons. Each button's value is the capability of a
 * page link (see the responder site's /slack/actions); Slack sends it back signed with the app's
 * signing secret when a member presses it, and the responder site acts as the person that member is.
 */
final class SlackButtons {

    /** The action ids Slack sends back; the responder site reads the capability, not these. */
    static final String ACTION_PREFIX = "klaxon-";
    private static final int MAX_SECTION_TEXT = 3000;

    private SlackButtons() {
    }

    static JsonNode blocks(Message message, ActionLinks links) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        ArrayNode blocks = json.arrayNode();
        ObjectNode section = blocks.addObject().put("type", "section");
        section.putObject("text").put("type", "mrkdwn").put("text", Text.cut("*" + message.title() + "*\n" + message.body(), MAX_SECTION_TEXT));
        ArrayNode buttons = blocks.addObject().put("type", "actions").putArray("elements");
        button(buttons, "acknowledge", "Acknowledge", ActionLinks.token(links.acknowledge())).put("style", "primary");
        button(buttons, "escalate", "Escalate now", ActionLinks.token(links.escalate()));
        button(buttons, "resolve", "Resolve", ActionLinks.token(links.resolve()));
        ObjectNode page = buttons.addObject().put("type", "button").put("action_id", ACTION_PREFIX + "view").put("url", links.incident());
        page.putObject("text").put("type", "plain_text").put("text", "Incident page");
        return blocks;
    }

    private static ObjectNode button(ArrayNode buttons, String action, String label, String value) {
        ObjectNode button = buttons.addObject().put("type", "button").put("action_id", ACTION_PREFIX + action).put("value", value);
        button.putObject("text").put("type", "plain_text").put("text", label);
        return button;
    }
}
