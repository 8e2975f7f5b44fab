package dev.klaxon.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.api.v1alpha1.EscalationState;
import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.IncidentSpec;
import dev.klaxon.api.v1alpha1.IncidentStatus;
import dev.klaxon.api.v1alpha1.NotificationChannelSpec;
import dev.klaxon.api.v1alpha1.NotificationRecord;
import dev.klaxon.common.OperatorKey;
import dev.klaxon.common.PageLink;
import dev.klaxon.common.PageLinkKeys;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PageLinkMinterTest {

    private static final Instant NOW = Instant.parse("2026-12-05T03:00:00Z");
    private static final OperatorKey KEY = new OperatorKey(filled());
    private static final PublicKey PUBLIC = PageLinkKeys.derive(KEY).getPublic();

    private static byte[] filled() {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) 5);
        return key;
    }

    /** Published already: these tests make links, they talk to no API server. */
    private static PageLinkMinter minter(Optional<String> url, Optional<Duration> validity) {
        PageLinkMinter minter = new PageLinkMinter(null, KEY, Clock.fixed(NOW, ZoneOffset.UTC), url, validity, "klaxon-page-links");
        minter.markPublished();
        return minter;
    }

    private static Incident incident(String endsAt, int round) {
        Incident incident = new Incident();
        incident.getMetadata().setNamespace("payments");
        incident.getMetadata().setName("api-down");
        incident.getMetadata().setUid("uid-1");
        incident.setSpec(new IncidentSpec());
        IncidentStatus status = new IncidentStatus();
        status.setRound(round);
        EscalationState escalation = new EscalationState();
        escalation.setEndsAt(endsAt);
        status.setEscalation(escalation);
        incident.setStatus(status);
        return incident;
    }

    private static NotificationRecord page(String event, List<String> recipients) {
        NotificationRecord record = new NotificationRecord();
        record.setChannel("oncall-email");
        record.setEvent(event);
        record.setRecipients(recipients);
        return record;
    }

    private static NotificationChannelSpec spec(NotificationChannelSpec.Type type) {
        NotificationChannelSpec spec = new NotificationChannelSpec();
        spec.setType(type);
        return spec;
    }

    private static PageLink read(String url) {
        String token = url.substring(url.indexOf("/l/") + 3);
        return PageLink.check(token, PUBLIC, NOW).link().orElseThrow();
    }

    @Test
    void eachPersonOfAPageGetsTheirOwnSignedLinksForItsStep() {
        List<ActionLinks> links = minter(Optional.of("https://respond.example.com/"), Optional.empty()).forPage(incident("2026-12-05T04:00:00Z", 2),
                page("escalation-team-a-1-2@2", List.of("alice@example.com", "bob@example.com")), spec(NotificationChannelSpec.Type.Email));

        assertThat(links).extracting(ActionLinks::person).containsExactly("alice@example.com", "bob@example.com");
        assertThat(links.get(0).acknowledge()).startsWith("https://respond.example.com/l/");
        PageLink ack = read(links.get(0).acknowledge());
        assertThat(ack.action()).isEqualTo(PageLink.Action.acknowledge);
        assertThat(ack.person()).isEqualTo("alice@example.com");
        assertThat(ack.round()).isEqualTo(2);
        assertThat(ack.policy()).isEqualTo("team-a");
        assertThat(ack.repeat()).isEqualTo(1);
        assertThat(ack.level()).isEqualTo(2);
        assertThat(ack.uid()).isEqualTo("uid-1");
        assertThat(ack.expiresAt()).isEqualTo(Instant.parse("2026-12-05T04:00:00Z"));
        assertThat(read(links.get(0).escalate()).action()).isEqualTo(PageLink.Action.escalate);
        assertThat(read(links.get(0).resolve()).action()).isEqualTo(PageLink.Action.resolve);
        assertThat(read(links.get(0).incident()).action()).isEqualTo(PageLink.Action.view);
        assertThat(read(links.get(1).acknowledge()).person()).isEqualTo("bob@example.com");
    }

    @Test
    void aPageThatNamedNobodyHasOneSetForTheChannelsReaders() {
        List<ActionLinks> links = minter(Optional.of("https://respond.example.com"), Optional.empty()).forPage(incident(null, 1),
                page("escalation-team-0-1", null), spec(NotificationChannelSpec.Type.Slack));

        assertThat(links).hasSize(1);
        assertThat(read(links.get(0).acknowledge()).actor()).isEqualTo("a reader of channel oncall-email");
    }

    @Test
    void linksWorkUntilTheEscalationRunsOutButAtLeastHalfAnHourOrAsConfigured() {
        PageLinkMinter byDefault = minter(Optional.of("https://r.example.com"), Optional.empty());
        assertThat(byDefault.expiry(incident("2026-12-05T03:10:00Z", 1).getStatus(), NOW)).isEqualTo(NOW.plus(Duration.ofMinutes(30)));
        assertThat(byDefault.expiry(incident("2026-12-05T05:00:00Z", 1).getStatus(), NOW)).isEqualTo(Instant.parse("2026-12-05T05:00:00Z"));
        assertThat(minter(Optional.of("https://r.example.com"), Optional.of(Duration.ofHours(2))).expiry(incident("2026-12-05T05:00:00Z", 1)
                .getStatus(), NOW)).isEqualTo(NOW.plus(Duration.ofHours(2)));
    }

    @Test
    void aChatPageForManyPeopleHasOneSetForItsReadersSoItStaysWithinWhatSlackAndTeamsTake() {
        List<String> many = List.of("a@x", "b@x", "c@x", "d@x", "e@x", "f@x");
        PageLinkMinter minter = minter(Optional.of("https://r.example.com"), Optional.empty());

        assertThat(minter.forPage(incident(null, 1), page("escalation-team-0-1", many), spec(NotificationChannelSpec.Type.Slack))).singleElement()
                .satisfies(set -> assertThat(set.person()).isEmpty());
        assertThat(minter.forPage(incident(null, 1), page("escalation-team-0-1", many), spec(NotificationChannelSpec.Type.Email))).hasSize(6);
    }

    @Test
    void anInteractiveSlackChannelsButtonsCarryTheReadersLinksForWhoeverPressesThem() {
        NotificationChannelSpec interactive = spec(NotificationChannelSpec.Type.Slack);
        interactive.setInteractive(true);

        List<ActionLinks> links = minter(Optional.of("https://r.example.com"), Optional.empty()).forPage(incident(null, 1),
                page("escalation-team-0-1", List.of("alice@example.com")), interactive);

        assertThat(links).singleElement().satisfies(set -> {
            assertThat(set.buttons()).isTrue();
            assertThat(read(set.acknowledge()).button()).isTrue();
            assertThat(read(set.acknowledge()).person()).isEmpty();
        });
        List<ActionLinks> nobodyNamed = minter(Optional.of("https://r.example.com"), Optional.empty()).forPage(incident(null, 1),
                page("escalation-team-0-1", null), interactive);
        assertThat(nobodyNamed).as("a button acts only for someone the page named: the readers get links").singleElement()
                .satisfies(set -> assertThat(set.buttons()).isFalse());
    }

    @Test
    void noLinksWithoutTheSiteForOtherNoticesOrForPagerDuty() {
        Incident incident = incident(null, 1);
        assertThat(minter(Optional.empty(), Optional.empty()).forPage(incident, page("escalation-team-0-1", List.of("a")),
                spec(NotificationChannelSpec.Type.Email))).isEmpty();
        PageLinkMinter on = minter(Optional.of("https://r.example.com"), Optional.empty());
        assertThat(on.forPage(incident, page("acknowledged", null), spec(NotificationChannelSpec.Type.Email))).isEmpty();
        assertThat(on.forPage(incident, page("executives", null), spec(NotificationChannelSpec.Type.Email))).isEmpty();
        assertThat(on.forPage(incident, page("escalation-team-0-1", List.of("a")), spec(NotificationChannelSpec.Type.PagerDuty))).isEmpty();
    }
}
