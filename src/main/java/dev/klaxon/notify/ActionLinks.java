package dev.klaxon.notify;

/**
 * The links a page carries for one person it is for: each a capability of its own, answered by
 * the responder site. Opening one changes nothing; the button on the page it opens acts.
 *
 * @param person      who they are for, as the page names them (empty: whoever reads the channel)
 * @param incident    the incident's page
 * @param buttons     the three actions are Slack buttons' capabilities: they act only when pressed in Slack, so no text shows them
 */
public record ActionLinks(String person, String incident, String acknowledge, String escalate, String resolve, boolean buttons) {

    public ActionLinks(String person, String incident, String acknowledge, String escalate, String resolve) {
        this(person, incident, acknowledge, escalate, resolve, false);
    }

    /** The capability in one of these links: what follows /l/. */
    public static String token(String link) {
        return link.substring(link.lastIndexOf("/l/") + 3);
    }

    /** "alice@example.com", or "Anyone reading this" for a page that named nobody. */
    public String forWhom() {
        return person.isEmpty() ? "Anyone reading this" : person;
    }
}
