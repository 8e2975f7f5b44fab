package dev.klaxon.respond;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.klaxon.api.v1alpha1.EmailSettings;
import dev.klaxon.api.v1alpha1.EscalationLevel;
import dev.klaxon.api.v1alpha1.EscalationPolicy;
import dev.klaxon.api.v1alpha1.EscalationPolicySpec;
import dev.klaxon.api.v1alpha1.EscalationTargets;
import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.IncidentPhase;
import dev.klaxon.api.v1alpha1.IncidentSpec;
import dev.klaxon.api.v1alpha1.NotificationChannel;
import dev.klaxon.api.v1alpha1.NotificationChannelSpec;
import dev.klaxon.api.v1alpha1.NotificationRecord;
import dev.klaxon.api.v1alpha1.OnCallSchedule;
import dev.klaxon.api.ManifestFixtures;
import dev.klaxon.testing.Policies;
import dev.klaxon.api.v1alpha1.Severity;
import dev.klaxon.common.OperatorKey;
import dev.klaxon.common.PageLink;
import dev.klaxon.common.PageLinkKeys;
import dev.klaxon.testing.Await;
import dev.klaxon.testing.Browser;
import dev.klaxon.testing.Channels;
import dev.klaxon.testing.OperatorTest;
import dev.klaxon.testing.OperatorTest.Operated;
import dev.klaxon.testing.OperatorUnderTest;
import dev.klaxon.testing.Ports;
import dev.klaxon.testing.ResponderSiteProcess;
import dev.klaxon.testing.TestCluster;
import dev.klaxon.testing.TestReceiver;
import dev.klaxon.testing.Users;
import dev.klaxon.api.v1alpha1.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * Answering a page from the page, end to end: the operator pages through a real SMTP server
 * (GreenMail) and a webhook receiver with signed links; Debian's Chromium opens them from the
 * responder site (its own process, ServiceAccount and admission policy) and presses the button.
 */
@OperatorTest(namespace = "respond", responderSite = true)
class ResponderSiteIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** Level 1's delay: long enough to answer in, short enough to see that level 2 is not paged after it. */
    private static final Duration LEVEL_ONE = Duration.ofSeconds(15);
    private static final Pattern LINK = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/l/[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+)");
    @Operated
    private static KubernetesClient admin;
    @Operated
    private static String namespace;
    @Operated
    private static ResponderSiteProcess site;
    private static TestReceiver receiver;
    private static GreenMail smtp;
    private static Browser browser;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        receiver = new TestReceiver();
        smtp = new GreenMail(new ServerSetup(Ports.free(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        Channels.email(admin, namespace, "oncall-email", smtp.getSmtp().getPort(), "oncall@example.com");
        Channels.webhook(admin, namespace, "oncall-hook", receiver.url("/hook"), 600);
        Channels.webhook(admin, namespace, "second-hook", receiver.url("/second"), 600);
        admin.resource(policy("two-levels", LEVEL_ONE)).create();
        admin.resource(policy("unhurried", Duration.ofHours(1))).create();
        browser = Browser.start();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (smtp != null) {
            smtp.stop();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    /** Level 1 pages alice by email and webhook; {@code levelOne} later level 2 pages bob through a channel of its own. */
    private static EscalationPolicy policy(String name, Duration levelOne) {
        EscalationTargets first = new EscalationTargets();
        first.setUsers(List.of("alice@example.com"));
        first.setChannels(List.of("oncall-email", "oncall-hook"));
        EscalationLevel one = new EscalationLevel();
        one.setDelay(levelOne.toSeconds() + "s");
        one.setTargets(first);
        EscalationTargets second = new EscalationTargets();
        second.setUsers(List.of("bob@example.com"));
        second.setChannels(List.of("second-hook"));
        EscalationLevel two = new EscalationLevel();
        two.setDelay("1h");
        two.setTargets(second);
        EscalationPolicySpec spec = new EscalationPolicySpec();
        spec.setLevels(List.of(one, two));
        EscalationPolicy policy = new EscalationPolicy();
        policy.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        policy.setSpec(spec);
        return policy;
    }

    private static Incident open(String name) {
        return open(name, "unhurried");
    }

    private static Incident open(String name, String policy) {
        Incident incident = new Incident();
        incident.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        IncidentSpec spec = new IncidentSpec();
        spec.setTitle("Checkout API answers 503 for " + name);
        spec.setSeverity(Severity.SEV2);
        spec.setDescription("Error rate above 20% on the checkout API.");
        spec.setEscalationPolicyRef(policy);
        incident.setSpec(spec);
        return admin.resource(incident).create();
    }

    private static Incident get(String name) {
        return admin.resources(Incident.class).inNamespace(namespace).withName(name).get();
    }

    private static Incident awaitDelivered(String name, String channel) {
        return Awaitility.await(channel + " paged about " + name).atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> get(name),
                i -> i.getStatus() != null && i.getStatus().getNotifications() != null && i.getStatus().getNotifications().stream()
                        .anyMatch(r -> r.getChannel().equals(channel) && r.getOutcome() == NotificationRecord.Outcome.Delivered));
    }

    /** The page's email to oncall@, as its text reads (decoded). */
    private static String mailAbout(String name) throws Exception {
        for (MimeMessage mail : smtp.getReceivedMessages()) {
            String text = mail.getContent().toString();
            if (mail.getSubject().contains(name) && text.contains("/l/")) {
                return text;
            }
        }
        throw new AssertionError("no page about " + name + " among " + smtp.getReceivedMessages().length + " mails");
    }

    /** The link on the line labelled {@code label} ("Acknowledge:") of a page's email. */
    private static String linkIn(String text, String label) {
        for (String line : text.split("\n")) {
            Matcher link = LINK.matcher(line);
            if (line.strip().startsWith(label) && link.find()) {
                return link.group(1);
            }
        }
        throw new AssertionError("no " + label + " link in:\n" + text);
    }

    private static HttpResponse<String> get(URI uri) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The POST the page's button sends, made without a browser (a replay). */
    private static HttpResponse<String> press(String link) throws Exception {
        String token = link.substring(link.indexOf("/l/") + 3);
        return HTTP.send(HttpRequest.newBuilder(URI.create(link)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("capability=" + URLEncoder.encode(token, StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A link as the operator signs them: the test reads the operator's key, as only an administrator can. */
    private static String mint(Incident incident, int round, PageLink.Action action, Instant expires) {
        String encoded = admin.secrets().inNamespace(OperatorUnderTest.NAMESPACE).withName("klaxon-operator-key").get().getData().get("key");
        PrivateKey key = PageLinkKeys.derive(new OperatorKey(Base64.getDecoder().decode(encoded))).getPrivate();
        return site.url() + "/l/" + new PageLink(namespace, incident.getMetadata().getName(), incident.getMetadata().getUid(), round, "unhurried", 0, 1,
                "alice@example.com", "oncall-email", action, expires.getEpochSecond(), "test-" + action).sign(key);
    }

    /** The answer page's notice, once the button's POST has answered. */
    private static String notice(WebDriver driver) {
        try {
            return Awaitility.await("the button's answer").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                    .until(() -> driver.findElements(By.id("notice")), found -> !found.isEmpty()).get(0).getText();
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("no answer to the button; the browser shows " + driver.getCurrentUrl() + ":\n" + driver.getPageSource(), e);
        }
    }

    /** What a responder needs is on the screen, inside its width, and the button is big enough for a thumb. */
    private static void checkLayout(WebDriver driver, int width, boolean withButton) {
        Number scrollWidth = (Number) ((JavascriptExecutor) driver).executeScript("return document.documentElement.scrollWidth");
        assertThat(scrollWidth.intValue()).as("no sideways scrolling at " + width + " px").isLessThanOrEqualTo(width);
        for (String id : List.of("severity", "phase", "title", "open-for", "paged", "acknowledged-by", "updates", "timeline", "playbooks")) {
            WebElement element = driver.findElement(By.id(id));
            assertThat(element.isDisplayed()).as(id + " shown at " + width + " px").isTrue();
            assertThat(element.getRect().getX() + element.getRect().getWidth()).as(id + " inside the screen").isLessThanOrEqualTo(width);
        }
        if (withButton) {
            WebElement button = driver.findElement(By.id("confirm"));
            assertThat(button.isDisplayed()).isTrue();
            assertThat(button.getRect().getHeight()).as("a touch target").isGreaterThanOrEqualTo(48);
            assertThat(button.getRect().getY() + button.getRect().getHeight()).as("the button on the first screen of a phone").isLessThan(844);
        }
    }

    @Test
    void theEmailsAcknowledgeLinkPressedOnAPhoneAcknowledgesAsAliceAndNobodyElseIsPaged() throws Exception {
        open("checkout-503", "two-levels");
        Incident paged = awaitDelivered("checkout-503", "oncall-email");
        Instant firstPage = Instant.parse(paged.getStatus().getEscalation().getLastNotifiedAt());
        String mail = mailAbout("checkout-503");
        assertThat(mail).contains("alice@example.com:", "Escalate now:", "Resolve:", "Incident:", "Opening a link changes nothing");
        String acknowledge = linkIn(mail, "Acknowledge:");

        WebDriver driver = browser.driver();
        driver.manage().window().setSize(new Dimension(390, 844));
        driver.get(acknowledge);
        assertThat(driver.findElement(By.id("title")).getText()).isEqualTo("Checkout API answers 503 for checkout-503");
        assertThat(driver.findElement(By.id("paged")).getText()).contains("alice@example.com");
        checkLayout(driver, 390, true);
        browser.screenshot(TestCluster.PROJECT.resolve("target/screenshots/responder-site-390.png"));
        assertThat(get("checkout-503").getSpec().getPhase()).as("opening the link changed nothing").isEqualTo(IncidentPhase.Detected);

        driver.findElement(By.id("confirm")).click();
        long pressed = System.nanoTime();
        assertThat(notice(driver)).contains("Acknowledged as alice@example.com");
        assertThat(get("checkout-503").getSpec().getPhase()).as("recorded by the time the answer shows").isEqualTo(IncidentPhase.Acknowledged);
        Incident acknowledged = Awaitility.await("the operator recorded it").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> get("checkout-503"), i -> i.getStatus().getAcknowledgedAt() != null);
        System.out.printf("responder site: acknowledged in status %d ms after the button's answer%n", (System.nanoTime() - pressed) / 1_000_000);
        assertThat(acknowledged.getStatus().getMttaSeconds()).isNotNull();
        assertThat(acknowledged.getStatus().getTimeline()).anySatisfy(entry -> {
            assertThat(entry.getMessage()).isEqualTo("Detected -> Acknowledged: acknowledged by alice@example.com from a page link");
            assertThat(entry.getAuthor()).isEqualTo("alice@example.com");
        });
        assertThat(acknowledged.getStatus().getEscalation().getStopped()).isEqualTo("acknowledged");

        // Past level 1's delay, level 2 (bob, through second-hook) stays unpaged.
        Duration untilLevelTwo = Duration.between(Instant.now(), firstPage.plus(LEVEL_ONE).plusSeconds(3));
        if (!untilLevelTwo.isNegative()) {
            Awaitility.await("level 2 stays unpaged").during(untilLevelTwo).atMost(untilLevelTwo.plusSeconds(5)).pollInterval(Duration.ofMillis(500))
                    .until(() -> receiver.requests("/second").stream().noneMatch(r -> r.body().contains("checkout-503")));
        }
        assertThat(get("checkout-503").getStatus().getNotifications()).noneMatch(r -> r.getChannel().equals("second-hook"));

        HttpResponse<String> replay = press(acknowledge);
        assertThat(replay.statusCode()).isEqualTo(409);
        assertThat(replay.body()).contains("acknowledged already");
    }

    @Test
    void aWebhookPageCarriesTheLinksAndOpeningThemAsAnUnfurlerWouldChangesNothing() throws Exception {
        open("search-slow");
        awaitDelivered("search-slow", "oncall-hook");
        JsonNode page = receiver.requests("/hook").stream().map(r -> {
            try {
                return JSON.readTree(r.body());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).filter(body -> body.at("/incident/name").asText().equals("search-slow")).findFirst().orElseThrow();
        JsonNode actions = page.get("actions");
        assertThat(actions).hasSize(1);
        assertThat(actions.get(0).get("person").asText()).isEqualTo("alice@example.com");
        String escalate = actions.get(0).get("escalate").asText();

        for (String link : List.of(actions.get(0).get("acknowledge").asText(), escalate, actions.get(0).get("resolve").asText(),
                actions.get(0).get("incident").asText())) {
            HttpResponse<String> unfurled = get(URI.create(link));
            assertThat(unfurled.statusCode()).isEqualTo(200);
            assertThat(unfurled.headers().firstValue("Cache-Control")).contains("no-store");
            assertThat(unfurled.headers().firstValue("Referrer-Policy")).contains("no-referrer");
        }
        Incident untouched = get("search-slow");
        assertThat(untouched.getSpec().getPhase()).isEqualTo(IncidentPhase.Detected);
        assertThat(untouched.getSpec().getEscalateNow()).isNull();

        WebDriver driver = browser.driver();
        driver.manage().window().setSize(new Dimension(1280, 900));
        driver.get(escalate);
        checkLayout(driver, 1280, true);
        browser.screenshot(TestCluster.PROJECT.resolve("target/screenshots/responder-site-1280.png"));
        driver.findElement(By.id("confirm")).click();
        assertThat(notice(driver)).contains("Escalating as alice@example.com");

        Incident escalated = Awaitility.await("level 2 paged at once").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> get("search-slow"), i -> i.getStatus().getEscalation() != null && Integer.valueOf(2).equals(i.getStatus().getEscalation().getLevel()));
        assertThat(escalated.getStatus().getTimeline()).anySatisfy(entry -> {
            assertThat(entry.getType()).isEqualTo("EscalatedNow");
            assertThat(entry.getAuthor()).isEqualTo("alice@example.com");
        });
        assertThat(escalated.getStatus().getNotifications()).anySatisfy(r -> {
            assertThat(r.getChannel()).isEqualTo("second-hook");
            assertThat(r.getRecipients()).containsExactly("bob@example.com");
        });
        assertThat(press(escalate).statusCode()).as("an escalate link works once").isEqualTo(409);
    }

    @Test
    void alteredExpiredOtherRoundAndOtherIncidentLinksAreRefusedAndChangeNothing() throws Exception {
        Incident incident = open("queue-stuck");
        awaitDelivered("queue-stuck", "oncall-email");
        incident = get("queue-stuck");
        String resolve = mint(incident, 1, PageLink.Action.resolve, Instant.now().plusSeconds(600));

        String altered = resolve.substring(0, resolve.length() - 4) + (resolve.endsWith("AAAA") ? "BBBB" : "AAAA");
        HttpResponse<String> forged = press(altered);
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains("altered").doesNotContain("queue-stuck");

        HttpResponse<String> expired = press(mint(incident, 1, PageLink.Action.resolve, Instant.now().minusSeconds(1)));
        assertThat(expired.statusCode()).isEqualTo(410);
        assertThat(expired.body()).contains("expired");
        assertThat(get("queue-stuck").getSpec().getPhase()).isEqualTo(IncidentPhase.Detected);

        // Resolved from a link, then reopened: the first round's links end with it.
        assertThat(press(resolve).statusCode()).isEqualTo(200);
        Awaitility.await("resolved").atMost(WAIT).until(() -> get("queue-stuck").getStatus().getResolvedAt() != null);
        admin.resources(Incident.class).inNamespace(namespace).withName("queue-stuck")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"phase\":\"Investigating\"}}");
        Awaitility.await("reopened").atMost(WAIT).until(() -> Integer.valueOf(2).equals(get("queue-stuck").getStatus().getRound()));
        HttpResponse<String> oldRound = press(mint(incident, 1, PageLink.Action.acknowledge, Instant.now().plusSeconds(600)));
        assertThat(oldRound.statusCode()).isEqualTo(409);
        assertThat(oldRound.body()).contains("round 1", "round 2");
        assertThat(get("queue-stuck").getSpec().getAcknowledgedRound()).isNull();

        // The incident deleted and opened again under its name: links of the old one are not for it.
        admin.resources(Incident.class).inNamespace(namespace).withName("queue-stuck").delete();
        Awaitility.await("deleted").atMost(WAIT).until(() -> get("queue-stuck") == null);
        open("queue-stuck");
        HttpResponse<String> other = press(mint(incident, 1, PageLink.Action.acknowledge, Instant.now().plusSeconds(600)));
        assertThat(other.statusCode()).isEqualTo(410);
        assertThat(other.body()).contains("another incident");
        assertThat(get("queue-stuck").getSpec().getPhase()).isEqualTo(IncidentPhase.Detected);
    }

    /** A press of a page's Slack button as Slack's interactivity sends it: a form with the payload, signed with the app's secret. */
    private static HttpResponse<String> slackPress(String member, String token, long timestamp, String secret) throws Exception {
        String payload = JSON.createObjectNode().put("type", "block_actions").<com.fasterxml.jackson.databind.node.ObjectNode>set("user",
                JSON.createObjectNode().put("id", member)).<com.fasterxml.jackson.databind.node.ObjectNode>set("actions",
                JSON.createArrayNode().add(JSON.createObjectNode().put("action_id", "klaxon-acknowledge").put("value", token))).toString();
        String body = "payload=" + URLEncoder.encode(payload, StandardCharsets.UTF_8);
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = "v0=" + java.util.HexFormat.of().formatHex(mac.doFinal(("v0:" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8)));
        return HTTP.send(HttpRequest.newBuilder(URI.create(site.url() + "/slack/actions")).header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Slack-Request-Timestamp", Long.toString(timestamp)).header("X-Slack-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aSlackButtonPressedByAMemberTheScheduleNamesAcknowledgesAsThatPerson() throws Exception {
        OnCallSchedule schedule = ManifestFixtures.example("oncallschedule-platform.yaml", OnCallSchedule.class);
        schedule.getMetadata().setNamespace(namespace);
        admin.resource(schedule).create();
        Channels.shareSecret(admin, namespace, namespace + "-slack", "url", receiver.url("/slack"));
        NotificationChannel slack = new NotificationChannel();
        slack.setMetadata(new ObjectMetaBuilder().withName("oncall-slack").withNamespace(namespace).build());
        NotificationChannelSpec spec = new NotificationChannelSpec();
        spec.setType(NotificationChannelSpec.Type.Slack);
        spec.setUrlSecretRef(new dev.klaxon.api.v1alpha1.SecretKeyRef(namespace + "-slack", "url"));
        spec.setInteractive(true);
        slack.setSpec(spec);
        admin.resource(slack).create();
        Await.ready(admin, NotificationChannel.class, namespace, "oncall-slack", Condition.Status.True);
        admin.resource(Policies.oneLevel(namespace, "slack-only", List.of("alice@example.com"), List.of("oncall-slack"))).create();
        open("slack-pressed", "slack-only");
        awaitDelivered("slack-pressed", "oncall-slack");
        JsonNode message = JSON.readTree(receiver.requests("/slack").get(0).body());
        JsonNode buttons = message.at("/blocks/1/elements");
        assertThat(buttons).extracting(b -> b.get("action_id").asText()).containsExactly("klaxon-acknowledge", "klaxon-escalate", "klaxon-resolve",
                "klaxon-view");
        String acknowledge = buttons.get(0).get("value").asText();
        assertThat(message.get("text").asText()).as("the text carries the incident's page, not the buttons' capabilities")
                .contains("|Incident page>").doesNotContain("|Acknowledge>");
        assertThat(press(site.url() + "/l/" + acknowledge).statusCode()).as("a button's capability is no link").isEqualTo(403);
        long now = Instant.now().getEpochSecond();

        assertThat(slackPress("U012ALICE", acknowledge, now, "not-the-app's-secret").statusCode()).isEqualTo(401);
        assertThat(slackPress("U012ALICE", acknowledge, now - 600, ResponderSiteProcess.SLACK_SIGNING_SECRET).statusCode())
                .as("a captured press replayed later").isEqualTo(401);
        assertThat(slackPress("U0MALLORY", acknowledge, now, ResponderSiteProcess.SLACK_SIGNING_SECRET).body())
                .contains("not among the contacts of an on-call schedule");
        assertThat(get("slack-pressed").getSpec().getPhase()).isEqualTo(IncidentPhase.Detected);

        HttpResponse<String> pressed = slackPress("U012ALICE", acknowledge, now, ResponderSiteProcess.SLACK_SIGNING_SECRET);
        assertThat(pressed.statusCode()).isEqualTo(200);
        assertThat(pressed.body()).contains("Acknowledged as alice@example.com");
        Incident acknowledged = Awaitility.await("acknowledged").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> get("slack-pressed"), i -> i.getStatus().getAcknowledgedAt() != null);
        assertThat(acknowledged.getStatus().getTimeline()).anySatisfy(entry -> {
            assertThat(entry.getMessage()).isEqualTo("Detected -> Acknowledged: acknowledged by alice@example.com from Slack");
            assertThat(entry.getAuthor()).isEqualTo("alice@example.com");
        });
    }

    @Test
    void requestsAreBoundedInSizeAndPerAddress() throws Exception {
        String link = site.url() + "/l/not.a-link";
        HttpResponse<String> large = HTTP.send(HttpRequest.newBuilder(URI.create(link)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("capability=" + "x".repeat(70 * 1024))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(large.statusCode()).isEqualTo(413);

        // From an address of its own (as an Ingress appends it), so the other tests' budget stays whole.
        int refused = 0;
        for (int i = 0; i < 80 && refused == 0; i++) {
            int status = HTTP.send(HttpRequest.newBuilder(URI.create(link)).header("X-Forwarded-For", "203.0.113.77").GET().build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode();
            assertThat(status).isIn(400, 403, 429);
            refused += status == 429 ? 1 : 0;
        }
        assertThat(refused).as("one address guessing links is slowed down").isEqualTo(1);
        assertThat(get(URI.create(site.url() + "/anything-else")).statusCode()).isEqualTo(404);
    }

    @Test
    void theSitesAccountMayRecordTheThreeActionsAndNothingElse() {
        open("policy-check");
        KubernetesClient responder = Users.as(ResponderSiteProcess.USER);
        var incident = responder.resources(Incident.class).inNamespace(namespace).withName("policy-check");

        // A policy takes effect a moment after it is created: dry runs pass admission without writing anything.
        KubernetesClientException retitled = Awaitility.await("the policy in force").atMost(Duration.ofSeconds(30)).until(() -> {
            try {
                incident.dryRun().patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"title\":\"nothing to see\"}}");
                return null;
            } catch (KubernetesClientException e) {
                return e;
            }
        }, e -> e != null);
        assertThat(retitled.getCode()).isEqualTo(403);
        assertThat(retitled.getStatus().getMessage()).contains("may change only spec.phase, spec.acknowledgedRound and spec.escalateNow");
        assertThatThrownBy(() -> incident.dryRun().patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"phase\":\"Closed\"}}"))
                .hasMessageContaining("only to Acknowledged or Resolved");
        assertThatThrownBy(() -> incident.dryRun().patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"metadata\":{\"labels\":{\"klaxon.dev/alert-rule\":\"x\"}}}")).hasMessageContaining("may not change labels");
        assertThatThrownBy(() -> incident.dryRun().patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"metadata\":{\"annotations\":{\"klaxon.dev/proof\":\"forged\"}}}")).hasMessageContaining("only the annotations");
        assertThatThrownBy(() -> incident.delete()).isInstanceOf(KubernetesClientException.class);
        assertThat(incident.dryRun().patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"spec\":{\"phase\":\"Acknowledged\"},\"metadata\":{\"annotations\":{\"klaxon.dev/phase-change\":\"{}\"}}}").getSpec().getPhase())
                .isEqualTo(IncidentPhase.Acknowledged);
        assertThat(get("policy-check")).isNotNull();
    }
}
