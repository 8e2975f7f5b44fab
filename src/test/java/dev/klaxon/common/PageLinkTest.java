package dev.klaxon.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class PageLinkTest {

    private static final Instant NOW = Instant.parse("2026-12-05T03:00:00Z");
    private static final KeyPair KEYS = PageLinkKeys.derive(new OperatorKey(key(7)));
    private final PageLink link = new PageLink("payments", "api-down", "uid-1", 1, "standard", 0, 1, "alice@example.com", "oncall-email",
            PageLink.Action.acknowledge, NOW.plusSeconds(600).getEpochSecond(), "abc");

    private static byte[] key(int fill) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) fill);
        return key;
    }

    @Test
    void aSignedLinkReadsBackAsItWasMade() {
        PageLink.Checked checked = PageLink.check(link.sign(KEYS.getPrivate()), KEYS.getPublic(), NOW);

        assertThat(checked.refusal()).isEmpty();
        assertThat(checked.link()).contains(link);
    }

    @Test
    void theSameOperatorKeyAlwaysGivesTheSameLinkKeyAndAnotherOneAnother() {
        KeyPair again = PageLinkKeys.derive(new OperatorKey(key(7)));
        KeyPair other = PageLinkKeys.derive(new OperatorKey(key(8)));

        assertThat(again.getPublic().getEncoded()).isEqualTo(KEYS.getPublic().getEncoded());
        assertThat(PageLinkKeys.parsePublic(PageLinkKeys.publicText(KEYS.getPublic())).getEncoded()).isEqualTo(KEYS.getPublic().getEncoded());
        assertThat(PageLink.check(link.sign(other.getPrivate()), KEYS.getPublic(), NOW).refusal()).contains(PageLink.Refusal.ALTERED);
    }

    @Test
    void aLinkWhoseFieldsWereChangedIsAltered() {
        String token = link.sign(KEYS.getPrivate());
        String payload = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))), StandardCharsets.UTF_8);
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(payload.replace("api-down", "db-down").getBytes(StandardCharsets.UTF_8))
                + token.substring(token.indexOf('.'));

        assertThat(PageLink.check(forged, KEYS.getPublic(), NOW).refusal()).contains(PageLink.Refusal.ALTERED);
        assertThat(PageLink.check(forged, KEYS.getPublic(), NOW).link()).isEmpty();
    }

    @Test
    void anAlteredSignatureIsAltered() {
        String token = link.sign(KEYS.getPrivate());
        char last = token.charAt(token.length() - 3);
        String altered = token.substring(0, token.length() - 3) + (last == 'A' ? 'B' : 'A') + token.substring(token.length() - 2);

        assertThat(PageLink.check(altered, KEYS.getPublic(), NOW).refusal()).contains(PageLink.Refusal.ALTERED);
    }

    @Test
    void anExpiredLinkSaysSoAndWhoseItWas() {
        PageLink.Checked checked = PageLink.check(link.sign(KEYS.getPrivate()), KEYS.getPublic(), NOW.plusSeconds(600));

        assertThat(checked.refusal()).contains(PageLink.Refusal.EXPIRED);
        assertThat(checked.link()).contains(link);
    }

    @Test
    void garbageIsMalformedAndNeverParsed() {
        for (String token : new String[] {null, "", ".", "abc", "a.b.c", "!!!.###", "x".repeat(PageLink.MAX_TOKEN_LENGTH + 1)}) {
            PageLink.Checked checked = PageLink.check(token, KEYS.getPublic(), NOW);
            assertThat(checked.link()).as(String.valueOf(token)).isEmpty();
            assertThat(checked.refusal()).as(String.valueOf(token)).get().isIn(PageLink.Refusal.MALFORMED, PageLink.Refusal.ALTERED);
        }
    }

    @Test
    void eachActionOfAPageIsALinkOfItsOwn() {
        PageLink resolve = link.withAction(PageLink.Action.resolve);

        assertThat(resolve.action()).isEqualTo(PageLink.Action.resolve);
        assertThat(resolve.id()).isNotEqualTo(link.id());
        assertThat(resolve.sign(KEYS.getPrivate())).isNotEqualTo(link.sign(KEYS.getPrivate()));
    }
}
