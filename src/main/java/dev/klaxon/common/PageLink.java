package dev.klaxon.common;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * A link in a page that lets the person paged answer it without a terminal: a capability, signed
 * with the operator's Ed25519 key (only the operator can make one; the responder site, which acts
 * on it, holds the public key only). It is bound to one incident (namespace, name and UID), its
 * response round, the escalation step that paged, the person the page was for, one action and an
 * expiry. The token is {@code base64url(json) "." base64url(signature)}, as in a JWS: the
 * signature is checked before the JSON is read, so nothing unsigned is ever parsed.
 *
 * @param namespace the incident's namespace
 * @param name      the incident's name
 * @param uid       the incident's UID: a link never works for a later incident of the same name
 * @param round     the incident's response round (1 until it is reopened)
 * @param policy    the EscalationPolicy that paged
 * @param repeat    the escalation repeat that paged (0: the first pass)
 * @param level     the escalation level that paged (1: the first)
 * @param person    who the page was for (a user of the policy, or the one on call); empty when the level named nobody
 * @param channel   the channel that carried the page
 * @param action    what the link does
 * @param expires   when it stops working
 * @param id        random, unique per link: what rate limits and logs name
 * @param button    a Slack button's capability: it acts only as pressed in Slack, by a member the schedules name who was paged,
 *                  never as a link
 */
public record PageLink(@JsonProperty("ns") String namespace, @JsonProperty("n") String name, @JsonProperty("u") String uid,
                       @JsonProperty("r") int round, @JsonProperty("y") String policy, @JsonProperty("p") int repeat, @JsonProperty("l") int level,
                       @JsonProperty("w") String person, @JsonProperty("c") String channel, @JsonProperty("a") Action action,
                       @JsonProperty("e") long expires, @JsonProperty("i") String id, @JsonProperty("b") boolean button) {

    public PageLink(String namespace, String name, String uid, int round, String policy, int repeat, int level, String person, String channel,
            Action action, long expires, String id) {
        this(namespace, name, uid, round, policy, repeat, level, person, channel, action, expires, id, false);
    }

    /** Tokens longer than this are refused unread. */
    public static final int MAX_TOKEN_LENGTH = 2048;
    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true);
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final String ALGORITHM = "Ed25519";

    /** What a link does. Approvals of playbook steps are deliberately not among them: they stay identity-bound. */
    public enum Action {
        /** Opens the incident's page; changes nothing. */
        view("Incident page"),
        acknowledge("Acknowledge"),
        /** Pages the next level of the escalation now, instead of when its delay runs out. */
        escalate("Escalate now"),
        resolve("Resolve");

        private final String label;

        Action(String label) {
            this.label = label;
        }

        /** What a button or link for this action says. */
        public String label() {
            return label;
        }
    }

    /** Why a token is not a link at all (before anything about the incident is known). */
    public enum Refusal {
        MALFORMED("This is not a Klaxon link, or it was cut short when it was copied."),
        ALTERED("This link was altered: it was not made by Klaxon as it is now."),
        EXPIRED("This link has expired.");

        private final String message;

        Refusal(String message) {
            this.message = message;
        }

        public String message() {
            return message;
        }
    }

    /** A checked token: the link, or why it is refused. */
    public record Checked(Optional<PageLink> link, Optional<Refusal> refusal) {
        static Checked refused(Refusal refusal) {
            return new Checked(Optional.empty(), Optional.of(refusal));
        }
    }

    public PageLink {
        if (action == null || namespace == null || name == null || uid == null || id == null) {
            throw new IllegalArgumentException("a page link names its incident, action and id");
        }
        person = person == null ? "" : person;
        policy = policy == null ? "" : policy;
        channel = channel == null ? "" : channel;
    }

    /** The same link for another action (the page offers each action as a link of its own). */
    public PageLink withAction(Action other) {
        return new PageLink(namespace, name, uid, round, policy, repeat, level, person, channel, other, expires, id + "." + other.ordinal(), button);
    }

    /** The same link as a Slack button's capability. */
    public PageLink asButton() {
        return new PageLink(namespace, name, uid, round, policy, repeat, level, person, channel, action, expires, id + ".b", true);
    }

    /** The same link pressed by {@code someone} (a Slack member the schedules name): checked already, never signed again. */
    public PageLink pressedBy(String someone) {
        return new PageLink(namespace, name, uid, round, policy, repeat, level, someone, channel, action, expires, id, button);
    }

    /** Who acts, as the timeline says it (at most a name's length: it is recorded in fields of that size). */
    public String actor() {
        return Text.cut(person.isEmpty() ? "a reader of channel " + channel : person, 253);
    }

    public Instant expiresAt() {
        return Instant.ofEpochSecond(expires);
    }

    /** The token: the link's fields and the signature over them. */
    public String sign(PrivateKey key) {
        try {
            String payload = ENCODER.encodeToString(JSON.writeValueAsBytes(this));
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(key);
            signature.update(payload.getBytes(StandardCharsets.US_ASCII));
            return payload + "." + ENCODER.encodeToString(signature.sign());
        } catch (JsonProcessingException | GeneralSecurityException e) {
            throw new IllegalStateException("signing a page link failed", e);
        }
    }

    /**
     * Checks a token from a request: its shape and length, the signature, then the expiry. What
     * the link asks of the incident (its round, whether the action is still possible) is the
     * caller's to decide.
     */
    public static Checked check(String token, PublicKey key, Instant now) {
        if (token == null || token.length() > MAX_TOKEN_LENGTH) {
            return Checked.refused(Refusal.MALFORMED);
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.') || dot == token.length() - 1) {
            return Checked.refused(Refusal.MALFORMED);
        }
        String payload = token.substring(0, dot);
        byte[] signed;
        byte[] body;
        try {
            signed = DECODER.decode(token.substring(dot + 1));
            body = DECODER.decode(payload);
        } catch (IllegalArgumentException e) {
            return Checked.refused(Refusal.MALFORMED);
        }
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initVerify(key);
            signature.update(payload.getBytes(StandardCharsets.US_ASCII));
            if (!signature.verify(signed)) {
                return Checked.refused(Refusal.ALTERED);
            }
        } catch (java.security.SignatureException e) {
            return Checked.refused(Refusal.ALTERED);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of every JDK since 15", e);
        }
        PageLink link;
        try {
            link = JSON.readValue(body, PageLink.class);
        } catch (java.io.IOException | IllegalArgumentException e) {
            // Signed by us but unreadable: a link of another version.
            return Checked.refused(Refusal.MALFORMED);
        }
        if (!now.isBefore(link.expiresAt())) {
            return new Checked(Optional.of(link), Optional.of(Refusal.EXPIRED));
        }
        return new Checked(Optional.of(link), Optional.empty());
    }
}
