package dev.klaxon.respond;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.klaxon.api.v1alpha1.ChangeNote;
import dev.klaxon.api.v1alpha1.EscalationState;
import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.IncidentPhase;
import dev.klaxon.api.v1alpha1.IncidentSpec;
import dev.klaxon.api.v1alpha1.IncidentStatus;
import dev.klaxon.api.v1alpha1.NotificationRecord;
import dev.klaxon.api.v1alpha1.PlaybookRun;
import dev.klaxon.api.v1alpha1.Severity;
import dev.klaxon.common.OperatorKey;
import dev.klaxon.common.PageLink;
import dev.klaxon.common.PageLinkKeys;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The site's answers to links, against an incident held in memory: what a GET, a POST and every kind of bad link do. */
class ResponderSiteTest {

    private static final Instant NOW = Instant.parse("2026-12-05T03:00:00Z");
    private static final KeyPair KEYS = PageLinkKeys.derive(new OperatorKey(filled(3)));
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FakeIncidents incidents = new FakeIncidents();
    private final ResponderSite site = new ResponderSite(incidents, () -> Optional.of(KEYS.getPublic()), Clock.fixed(NOW, ZoneOffset.UTC));

    private static byte[] filled(int value) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) value);
        return key;
    }

    @BeforeEach
    void openIncident() {
        Incident incident = new Incident();
        incident.getMetadata().setNamespace("payments");
        incident.getMetadata().setName("api-down");
        incident.getMetadata().setUid("uid-1");
        incident.getMetadata().setResourceVersion("10");
        incident.setSpec(new IncidentSpec());
        incident.getSpec().setTitle("API <down>");
        incident.getSpec().setSeverity(Severity.SEV2);
        IncidentStatus status = new IncidentStatus();
        status.setPhase(IncidentPhase.Detected);
        status.setDetectedAt("2026-12-05T02:48:00Z");
        EscalationState escalation = new EscalationState();
        escalation.setPolicy("standard");
        escalation.setLevel(1);
        escalation.setRound(0);
        escalation.setNextAt("2026-12-05T03:05:00Z");
        status.setEscalation(escalation);
        incident.setStatus(status);
        incidents.incident = incident;
    }

    private static String token(PageLink.Action action, int round, String uid, Instant expires) {
        return new PageLink("payments", "api-down", uid, round, "standard", 0, 1, "alice@example.com", "oncall-email", action, expires.getEpochSecond(), "id1")
                .sign(KEYS.getPrivate());
    }

    private static String token(PageLink.Action action) {
        return token(action, 1, "uid-1", NOW.plusSeconds(900));
    }

    @Test
    void openingALinkChangesNothingAndOffersTheButton() {
        ResponderSite.Answer answer = site.show(token(PageLink.Action.acknowledge));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.html()).contains("id=\"confirm\"").contains("Acknowledge this incident as alice@example.com?")
                .contains("API &lt;down&gt;").doesNotContain("API <down>");
        assertThat(incidents.patches).isEmpty();
    }

    @Test
    void pressingTheButtonAcknowledgesAsThePersonThePageWasFor() throws Exception {
        String token = token(PageLink.Action.acknowledge);

        ResponderSite.Answer answer = site.act(token, token);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.html()).contains("Acknowledged as alice@example.com");
        Map<String, Object> patch = incidents.patches.get(0);
        assertThat(patch).containsEntry("spec", Map.of("phase", "Acknowledged"));
        @SuppressWarnings("unchecked")
        Map<String, Object> metadata = (Map<String, Object>) patch.get("metadata");
        assertThat(metadata).containsEntry("resourceVersion", "10");
        @SuppressWarnings("unchecked")
        ChangeNote note = JSON.readValue(((Map<String, String>) metadata.get("annotations")).get(ChangeNote.PHASE), ChangeNote.class);
        assertThat(note).isEqualTo(new ChangeNote("Detected", "Acknowledged", "alice@example.com", "acknowledged by alice@example.com from a page link"));
    }

    @Test
    void aUsedLinkIsRefusedAndChangesNothing() {
        String token = token(PageLink.Action.acknowledge);
        site.act(token, token);

        ResponderSite.Answer again = site.act(token, token);

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.html()).contains("acknowledged already");
        assertThat(incidents.patches).hasSize(1);
    }

    @Test
    void aPostWithoutTheLinksOwnConfirmationIsRefused() {
        ResponderSite.Answer answer = site.act(token(PageLink.Action.acknowledge), "");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(incidents.patches).isEmpty();
    }

    @Test
    void anExpiredLinkIsRefusedWithoutShowingTheIncident() {
        String token = token(PageLink.Action.acknowledge, 1, "uid-1", NOW);

        ResponderSite.Answer answer = site.act(token, token);

        assertThat(answer.status()).isEqualTo(410);
        assertThat(answer.html()).contains("This link has expired").doesNotContain("API &lt;down&gt;");
        assertThat(incidents.patches).isEmpty();
    }

    @Test
    void aLinkOfAnEarlierRoundIsRefused() {
        incidents.incident.getStatus().setRound(2);
        String token = token(PageLink.Action.resolve, 1, "uid-1", NOW.plusSeconds(900));

        ResponderSite.Answer answer = site.act(token, token);

        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.html()).contains("round 1").contains("round 2");
        assertThat(incidents.patches).isEmpty();
    }

    @Test
    void aLinkForAnotherIncidentOfTheSameNameIsRefusedWithoutShowingIt() {
        String token = token(PageLink.Action.resolve, 1, "uid-of-a-deleted-incident", NOW.plusSeconds(900));

        ResponderSite.Answer answer = site.act(token, token);

        assertThat(answer.status()).isEqualTo(410);
        assertThat(answer.html()).contains("another incident").doesNotContain("API &lt;down&gt;");
        assertThat(incidents.patches).isEmpty();
    }

    @Test
    void anAlteredLinkIsRefusedUnread() {
        String token = token(PageLink.Action.acknowledge);
        String altered = "x" + token.substring(1);

        assertThat(site.show(altered).status()).isIn(400, 403);
        assertThat(site.act(altered, altered).status()).isIn(400, 403);
        assertThat(incidents.reads).isZero();
    }

    @Test
    void escalateNowAsksForTheNextLevelOnceAndNotAfterTheEscalationMovedOn() {
        String token = token(PageLink.Action.escalate);

        assertThat(site.act(token, token).status()).isEqualTo(200);
        assertThat(incidents.patches.get(0)).extractingByKey("spec").isEqualTo(Map.of("escalateNow",
                Map.of("policy", "standard", "requestedAt", "2026-12-05T03:00:00Z", "round", 1, "repeat", 0, "level", 1, "by", "alice@example.com",
                        "via", "from a page link")));

        assertThat(site.act(token, token).status()).as("asked already").isEqualTo(409);
        incidents.incident.getStatus().getEscalation().setLevel(2);
        ResponderSite.Answer moved = site.act(token, token);
        assertThat(moved.status()).isEqualTo(409);
        assertThat(moved.html()).contains("moved on");
        assertThat(incidents.patches).hasSize(1);
    }

    @Test
    void aReopenedIncidentsRoundIsAcknowledgedByNumberWithWhoDidIt() {
        incidents.incident.getStatus().setRound(2);
        incidents.incident.getSpec().setPhase(IncidentPhase.Investigating);
        String token = token(PageLink.Action.acknowledge, 2, "uid-1", NOW.plusSeconds(900));

        assertThat(site.act(token, token).status()).isEqualTo(200);

        assertThat(incidents.patches.get(0)).extractingByKey("spec").isEqualTo(Map.of("acknowledgedRound", 2));
        assertThat(incidents.patches.get(0).get("metadata").toString()).contains(ChangeNote.ROUND);
    }

    @Test
    void theViewLinkShowsTheIncidentAndNoButton() {
        ResponderSite.Answer answer = site.show(token(PageLink.Action.view));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.html()).contains("id=\"title\"").doesNotContain("id=\"confirm\"");
        String view = token(PageLink.Action.view);
        assertThat(site.act(view, view).status()).isEqualTo(405);
        assertThat(incidents.patches).isEmpty();
    }

    @Test
    void aChangeMeanwhileIsDecidedAgainOnTheNewVersion() {
        incidents.conflicts = 1;
        String token = token(PageLink.Action.resolve);

        assertThat(site.act(token, token).status()).isEqualTo(200);

        assertThat(incidents.patches).hasSize(2);
    }

    @Test
    void oneLinkOpenedOverAndOverIsSlowedDown() {
        String token = token(PageLink.Action.view);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            statuses.add(site.show(token).status());
        }

        assertThat(statuses.subList(0, 10)).containsOnly(200);
        assertThat(statuses.subList(10, 12)).containsOnly(429);
    }

    @Test
    void withoutThePublicKeyNothingIsAnswered() {
        ResponderSite keyless = new ResponderSite(incidents, Optional::empty, Clock.fixed(NOW, ZoneOffset.UTC));

        assertThat(keyless.show(token(PageLink.Action.view)).status()).isEqualTo(503);
        assertThat(incidents.reads).isZero();
    }

    private static Map<String, String> slackHeaders(String secret, long timestamp, byte[] body) {
        Map<String, String> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.put("X-Slack-Request-Timestamp", Long.toString(timestamp));
        headers.put("X-Slack-Signature", "v0=" + SlackActions.hmac(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "v0:" + timestamp + ":", body));
        return headers;
    }

    private static String button(PageLink.Action action) {
        return new PageLink("payments", "api-down", "uid-1", 1, "standard", 0, 1, "", "oncall-slack", action, NOW.plusSeconds(900).getEpochSecond(),
                "id2").asButton().sign(KEYS.getPrivate());
    }

    private static byte[] press(String member, String token, String responseUrl) {
        String payload = "{\"type\":\"block_actions\",\"user\":{\"id\":\"" + member + "\"},\"response_url\":\"" + responseUrl
                + "\",\"actions\":[{\"value\":\"" + token + "\"}]}";
        return ("payload=" + java.net.URLEncoder.encode(payload, java.nio.charset.StandardCharsets.UTF_8)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private void pagedAlice() {
        NotificationRecord page = new NotificationRecord();
        page.setChannel("oncall-slack");
        page.setEvent("escalation-standard-0-1");
        page.setRecipients(List.of("alice@example.com"));
        incidents.incident.getStatus().setNotifications(new ArrayList<>(List.of(page)));
    }

    @Test
    void aSlackPressActsAsThePersonTheSchedulesNameForTheMemberOnceSignedAndFresh() {
        pagedAlice();
        List<String> replies = new ArrayList<>();
        SlackActions slack = new SlackActions(Optional.of("app-secret"), site, Clock.fixed(NOW, ZoneOffset.UTC),
                (url, text) -> replies.add(url + " " + text));
        byte[] alice = press("U0ALICE", button(PageLink.Action.acknowledge), "https://hooks.slack.com/actions/T1/1/x");
        long now = NOW.getEpochSecond();

        assertThat(slack.handle(slackHeaders("wrong", now, alice), alice).status()).isEqualTo(401);
        assertThat(slack.handle(slackHeaders("app-secret", now - 301, alice), alice).status()).isEqualTo(401);
        byte[] mallory = press("U0MALLORY", button(PageLink.Action.acknowledge), "https://attacker.example/steal");
        assertThat(slack.handle(slackHeaders("app-secret", now, mallory), mallory).text()).contains("not among the contacts");
        byte[] asLink = press("U0ALICE", token(PageLink.Action.acknowledge), "");
        assertThat(slack.handle(slackHeaders("app-secret", now, asLink), asLink).text()).as("a link's capability is no button")
                .contains("Only a page's");
        assertThat(incidents.patches).isEmpty();
        assertThat(replies).as("a response URL elsewhere than Slack is never called").isEmpty();

        SlackActions.Answer answer = slack.handle(slackHeaders("app-secret", now, alice), alice);

        assertThat(answer.text()).contains("Acknowledged as alice@example.com");
        assertThat(incidents.patches.get(0).get("metadata").toString()).contains("acknowledged by alice@example.com from Slack");
        assertThat(replies).singleElement().asString().startsWith("https://hooks.slack.com/actions/T1/1/x Acknowledged as alice@example.com");
        assertThat(new SlackActions(Optional.empty(), site, Clock.fixed(NOW, ZoneOffset.UTC), (url, text) -> { })
                .handle(slackHeaders("x", now, alice), alice).status()).as("without a signing secret the site takes no presses").isEqualTo(404);
    }

    @Test
    void aSlackPressForSomeoneThePagesWereNotForChangesNothing() {
        pagedAlice();
        SlackActions slack = new SlackActions(Optional.of("app-secret"), site, Clock.fixed(NOW, ZoneOffset.UTC), (url, text) -> { });
        incidents.slackMembers.put("U0BOB", "bob@example.com");
        byte[] bob = press("U0BOB", button(PageLink.Action.resolve), "");

        assertThat(slack.handle(slackHeaders("app-secret", NOW.getEpochSecond(), bob), bob).text()).contains("bob@example.com was not among");
        assertThat(incidents.patches).isEmpty();
    }

    @Test
    void aButtonsCapabilityIsNoLink() {
        String button = button(PageLink.Action.acknowledge);

        assertThat(site.show(button).status()).isEqualTo(403);
        assertThat(site.act(button, button).status()).isEqualTo(403);
        assertThat(incidents.patches).isEmpty();
    }

    /** One incident in memory; a patch applies its spec changes and bumps the version, or fails as a conflict when told to. */
    private static final class FakeIncidents implements Incidents {
        Incident incident;
        int reads;
        int conflicts;
        final List<Map<String, Object>> patches = new ArrayList<>();
        final Map<String, String> slackMembers = new java.util.HashMap<>(Map.of("U0ALICE", "alice@example.com"));

        @Override
        public Incident get(String namespace, String name) {
            reads++;
            return incident;
        }

        @Override
        @SuppressWarnings("unchecked")
        public Optional<Incident> patch(String namespace, String name, Map<String, Object> patch) {
            patches.add(patch);
            if (conflicts > 0) {
                conflicts--;
                incident.getMetadata().setResourceVersion(incident.getMetadata().getResourceVersion() + "1");
                return Optional.empty();
            }
            Map<String, Object> spec = (Map<String, Object>) patch.get("spec");
            if (spec.containsKey("phase")) {
                incident.getSpec().setPhase(IncidentPhase.valueOf((String) spec.get("phase")));
            }
            if (spec.containsKey("acknowledgedRound")) {
                incident.getSpec().setAcknowledgedRound((Integer) spec.get("acknowledgedRound"));
            }
            if (spec.containsKey("escalateNow")) {
                incident.getSpec().setEscalateNow(JSON.convertValue(spec.get("escalateNow"), dev.klaxon.api.v1alpha1.EscalationRequest.class));
            }
            incident.getMetadata().setResourceVersion(incident.getMetadata().getResourceVersion() + "1");
            return Optional.of(incident);
        }

        @Override
        public Optional<String> personOfSlackMember(String namespace, String slackUserId) {
            return Optional.ofNullable(slackMembers.get(slackUserId));
        }

        @Override
        public List<PlaybookRun> runs(String namespace, List<String> names) {
            return List.of();
        }
    }
}
