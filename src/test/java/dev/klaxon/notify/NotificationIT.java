package dev.klaxon.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import dev.klaxon.api.ManifestFixtures;
import dev.klaxon.api.v1alpha1.Condition;
import dev.klaxon.api.v1alpha1.EmailSettings;
import dev.klaxon.api.v1alpha1.EscalationLevel;
import dev.klaxon.api.v1alpha1.EscalationPolicy;
import dev.klaxon.api.v1alpha1.EscalationPolicySpec;
import dev.klaxon.api.v1alpha1.EscalationTargets;
import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.IncidentPhase;
import dev.klaxon.api.v1alpha1.IncidentStatus;
import dev.klaxon.api.v1alpha1.NotificationChannel;
import dev.klaxon.api.v1alpha1.NotificationChannelSpec;
import dev.klaxon.api.v1alpha1.NotificationRecord;
import dev.klaxon.api.v1alpha1.SecretKeyRef;
import dev.klaxon.api.v1alpha1.Severity;
import dev.klaxon.testing.Await;
import dev.klaxon.testing.OperatorProcess;
import dev.klaxon.testing.OperatorTest.Operated;
import dev.klaxon.testing.OperatorTest;
import dev.klaxon.testing.OperatorUnderTest;
import dev.klaxon.testing.Policies;
import dev.klaxon.testing.Ports;
import dev.klaxon.testing.TestCluster;
import dev.klaxon.testing.TestReceiver;
import dev.klaxon.testing.Users;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every channel type delivering to real receivers on 127.0.0.1 (an HTTP server recording
 * Slack-, Teams-, PagerDuty- and webhook-shaped requests, and GreenMail as the SMTP server),
 * driven by an incident's escalation on the real API server with the packaged operator.
 */
// With the responder site on, as in production: pages carry links to answer them.
@OperatorTest(namespace = "notify", responderSite = true)
class NotificationIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SIGNING_KEY = "s3cret-signing-key";
    private static final Duration WAIT = Duration.ofSeconds(60);
    @Operated
    private static KubernetesClient admin;
    @Operated
    private static String namespace;
    @Operated
    private static OperatorProcess operator;
    private static TestReceiver receiver;
    private static GreenMail smtp;

    @BeforeAll
    static void start() {
        receiver = new TestReceiver();
        smtp = new GreenMail(new ServerSetup(Ports.free(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    @AfterAll
    static void stop() {
        receiver.close();
        smtp.stop();
    }

    /** A Secret in the operator's namespace, shared with this test's namespace as an administrator would. */
    private static SecretKeyRef secret(String name, String key, String value) {
        return secret(name, key, value, namespace);
    }

    private static SecretKeyRef secret(String name, String key, String value, String sharedWith) {
        return secret(name, key, value, sharedWith, null);
    }

    /** @param destination where the administrator lets the value go (annotation klaxon.dev/destination), or null */
    private static SecretKeyRef secret(String name, String key, String value, String sharedWith, String destination) {
        var metadata = new ObjectMetaBuilder().withName(name);
        if (sharedWith != null) {
            metadata.addToAnnotations(ChannelSecrets.SHARED_WITH, "other-team, " + sharedWith);
        }
        if (destination != null) {
            metadata.addToAnnotations(ChannelSecrets.DESTINATION, destination);
        }
        admin.secrets().inNamespace(OperatorUnderTest.NAMESPACE).resource(new SecretBuilder().withMetadata(metadata.build())
                .addToStringData(key, value).build()).serverSideApply();
        return new SecretKeyRef(name, key);
    }

    private static NotificationChannel channel(String name, NotificationChannelSpec.Type type) {
        NotificationChannel channel = new NotificationChannel();
        channel.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        NotificationChannelSpec spec = new NotificationChannelSpec();
        spec.setType(type);
        channel.setSpec(spec);
        return channel;
    }

    @Test
    void aPageReachesEveryChannelOnceDespiteRetriesAndRestartsAndTheEndingFollows() throws Exception {
        String prefix = namespace + "-";
        NotificationChannel slack = channel("slack", NotificationChannelSpec.Type.Slack);
        slack.getSpec().setUrlSecretRef(secret(prefix + "slack", "url", receiver.url("/slack")));
        NotificationChannel teams = channel("teams", NotificationChannelSpec.Type.Teams);
        teams.getSpec().setUrlSecretRef(secret(prefix + "teams", "url", receiver.url("/teams")));
        NotificationChannel pagerDuty = channel("pagerduty", NotificationChannelSpec.Type.PagerDuty);
        pagerDuty.getSpec().setRoutingKeySecretRef(secret(prefix + "pd", "routingKey", "R0UT1NGKEY", namespace, receiver.url("/pagerduty")));
        pagerDuty.getSpec().setUrl(receiver.url("/pagerduty"));
        NotificationChannel webhook = channel("webhook", NotificationChannelSpec.Type.Webhook);
        webhook.getSpec().setUrlSecretRef(secret(prefix + "hook", "url", receiver.url("/hook")));
        webhook.getSpec().setSigningSecretRef(secret(prefix + "hook-signing", "key", SIGNING_KEY));
        NotificationChannel email = channel("email", NotificationChannelSpec.Type.Email);
        EmailSettings settings = new EmailSettings();
        settings.setTo(List.of("oncall@example.com"));
        settings.setFrom("klaxon@example.com");
        settings.setHost("127.0.0.1");
        settings.setPort(smtp.getSmtp().getPort());
        settings.setStartTls(false);
        email.getSpec().setEmail(settings);
        List<NotificationChannel> channels = List.of(slack, teams, pagerDuty, webhook, email);
        for (NotificationChannel channel : channels) {
            admin.resource(channel).create();
            Await.ready(admin, NotificationChannel.class, namespace, channel.getMetadata().getName(), Condition.Status.True);
        }
        receiver.failNext("/hook", 3);

        admin.resource(Policies.oneLevel(namespace, "everywhere", List.of("carol@example.com"), channels.stream().map(c -> c.getMetadata().getName()).toList())).create();

        Incident incident = ManifestFixtures.example("incident-checkout-outage.yaml", Incident.class);
        incident.getMetadata().setNamespace(namespace);
        incident.getMetadata().setName("noisy");
        incident.getSpec().setSeverity(Severity.SEV2);
        incident.getSpec().setPhase(IncidentPhase.Detected);
        incident.getSpec().setEscalationPolicyRef("everywhere");
        admin.resource(incident).create();

        Incident paged = awaitNotifications(incident, records -> records.size() == 5
                && records.stream().allMatch(r -> r.getOutcome() == NotificationRecord.Outcome.Delivered));
        String uid = paged.getMetadata().getUid();
        assertThat(paged.getStatus().getNotifications()).filteredOn(r -> r.getChannel().equals("webhook")).singleElement()
                .satisfies(r -> assertThat(r.getAttempts()).as("three 500s, then 200").isEqualTo(4));

        JsonNode slackMessage = JSON.readTree(single("/slack").body());
        assertThat(slackMessage.get("text").asText()).contains("[SEV2] Checkout failing for EU customers", "*Incident Alert*",
                "carol@example.com");
        assertThat(slackMessage.get("text").asText()).as("carol's links, in Slack's markup")
                .containsPattern("\\*carol@example.com:\\* <http://127\\.0\\.0\\.1:\\d+/l/[\\w.-]+\\|Acknowledge> · <[^|]+\\|Escalate now> · <[^|]+\\|Resolve>");
        JsonNode teamsMessage = JSON.readTree(single("/teams").body());
        assertThat(teamsMessage.get("@type").asText()).isEqualTo("MessageCard");
        assertThat(teamsMessage.get("title").asText()).isEqualTo("[SEV2] Checkout failing for EU customers");
        assertThat(teamsMessage.get("text").asText()).containsPattern("\\*\\*carol@example.com:\\*\\* \\[Acknowledge\\]\\(http://127\\.0\\.0\\.1:\\d+/l/");
        JsonNode trigger = JSON.readTree(single("/pagerduty").body());
        assertThat(trigger.get("routing_key").asText()).isEqualTo("R0UT1NGKEY");
        assertThat(trigger.get("event_action").asText()).isEqualTo("trigger");
        assertThat(trigger.get("dedup_key").asText()).isEqualTo("klaxon-" + uid);
        assertThat(trigger.at("/payload/severity").asText()).isEqualTo("error");
        assertThat(trigger.at("/payload/source").asText()).isEqualTo("klaxon/" + namespace + "/noisy");
        assertThat(receiver.requests("/hook")).hasSize(4);
        TestReceiver.Request hook = single("/hook");
        long signedAt = Long.parseLong(hook.header("X-Klaxon-Timestamp"));
        assertThat(signedAt).as("signed when sent").isBetween(java.time.Instant.now().getEpochSecond() - 120, java.time.Instant.now().getEpochSecond());
        assertThat(hook.header("X-Klaxon-Signature")).isEqualTo("sha256=" + HttpChannelSender.hmac(SIGNING_KEY,
                HttpChannelSender.signed(hook.header("X-Klaxon-Timestamp"), hook.body().getBytes(StandardCharsets.UTF_8))));
        assertThat(hook.header("X-Klaxon-Delivery")).isEqualTo("klaxon-" + uid + "-escalation-everywhere-0-1-webhook");
        // The README's verification recipe: the delivery as captured is accepted once; replayed after
        // five minutes, with a changed body, or again with its delivery id, it is refused.
        Path seen = Files.createTempFile("klaxon-deliveries", ".txt");
        long sentAt = Long.parseLong(hook.header("X-Klaxon-Timestamp"));
        assertThat(verifyByRecipe(hook, hook.body(), sentAt + 1, seen)).isEqualTo("accepted");
        assertThat(verifyByRecipe(hook, hook.body(), sentAt + 2, seen)).startsWith("refused: delivery");
        assertThat(verifyByRecipe(hook, hook.body(), sentAt + 301, Files.createTempFile("klaxon-deliveries", ".txt")))
                .isEqualTo("refused: timestamp too old: a replay");
        assertThat(verifyByRecipe(hook, hook.body().replace("SEV2", "SEV4"), sentAt + 1, Files.createTempFile("klaxon-deliveries", ".txt")))
                .isEqualTo("refused: signature does not match");
        assertThat(JSON.readTree(hook.body()).at("/incident/severity").asText()).isEqualTo("SEV2");
        List<MimeMessage> mails = mailsTo("oncall@example.com");
        assertThat(mails).hasSize(1);
        assertThat(mails.get(0).getSubject()).isEqualTo("[SEV2] Checkout failing for EU customers");
        assertThat(GreenMailUtil.getBody(mails.get(0))).contains("Incident Alert");
        assertThat(Files.readString(TestCluster.PROJECT.resolve("target/operator-" + namespace + ".log")))
                .as("no secret in the operator's log").doesNotContain("R0UT1NGKEY", SIGNING_KEY, receiver.url("/hook"));

        // A crash, and a change that makes the new leader reconcile the incident: nothing is sent twice.
        operator.restart();
        Users.plugin(namespace, null, 0, "note", "noisy", "Investigating the checkout database");
        Awaitility.await("the new leader reconciled").atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> admin.resource(incident).get().getStatus().getObservedGeneration(),
                        g -> g.equals(admin.resource(incident).get().getMetadata().getGeneration()));
        assertThat(receiver.accepted("/slack")).hasSize(1);
        assertThat(receiver.accepted("/hook")).hasSize(1);

        Users.plugin(namespace, null, 0, "ack", "noisy");
        awaitNotifications(incident, records -> records.stream().filter(r -> r.getEvent().equals("acknowledged"))
                .filter(r -> r.getOutcome() == NotificationRecord.Outcome.Delivered).count() == 5);
        JsonNode acknowledge = JSON.readTree(receiver.accepted("/pagerduty").get(1).body());
        assertThat(acknowledge.get("event_action").asText()).isEqualTo("acknowledge");
        assertThat(acknowledge.get("dedup_key").asText()).isEqualTo("klaxon-" + uid);
        Users.plugin(namespace, null, 0, "resolve", "noisy");
        awaitNotifications(incident, records -> records.stream().filter(r -> r.getEvent().equals("resolved"))
                .filter(r -> r.getOutcome() == NotificationRecord.Outcome.Delivered).count() == 5);
        assertThat(JSON.readTree(receiver.accepted("/pagerduty").get(2).body()).get("event_action").asText()).isEqualTo("resolve");
        assertThat(mailsTo("oncall@example.com")).extracting(MimeMessage::getSubject).containsExactly(
                "[SEV2] Checkout failing for EU customers", "[SEV2] Acknowledged: Checkout failing for EU customers",
                "[SEV2] Resolved: Checkout failing for EU customers");
        for (String path : List.of("/slack", "/teams", "/pagerduty", "/hook")) {
            assertThat(receiver.accepted(path)).as(path + ": alert, acknowledged, resolved; each once").hasSize(3);
        }
        Awaitility.await().atMost(WAIT).untilAsserted(() -> {
            assertThat(operator.metric("klaxon_notifications_total{type=\"slack\",result=\"delivered\"}")).isEqualTo(2);
            assertThat(operator.metric("klaxon_notification_delivery_seconds_count{type=\"email\"}")).isEqualTo(2);
        });
    }

    /** Runs examples/verify-klaxon-webhook.py on a captured delivery as of {@code now}: its one line of output. */
    private static String verifyByRecipe(TestReceiver.Request hook, String body, long now, Path seen) throws Exception {
        ProcessBuilder recipe = new ProcessBuilder("python3", TestCluster.PROJECT.resolve("examples/verify-klaxon-webhook.py").toString(),
                "--now", Long.toString(now), hook.header("X-Klaxon-Timestamp"), hook.header("X-Klaxon-Signature"),
                hook.header("X-Klaxon-Delivery"), seen.toString()).redirectErrorStream(true);
        recipe.environment().put("KLAXON_SIGNING_KEY", SIGNING_KEY);
        Process process = recipe.start();
        process.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        process.waitFor();
        return output;
    }

    @Test
    void aReopenedIncidentIsANewRoundThatPagesFromLevelOneAndIsResolvedAgain() throws Exception {
        NotificationChannel hook = channel("rounds", NotificationChannelSpec.Type.Webhook);
        hook.getSpec().setUrlSecretRef(secret(namespace + "-rounds", "url", receiver.url("/rounds")));
        admin.resource(hook).create();
        Await.ready(admin, NotificationChannel.class, namespace, "rounds", Condition.Status.True);
        EscalationPolicySpec policySpec = new EscalationPolicySpec();
        policySpec.setLevels(List.of(roundsLevel("0s", "carol@example.com"), roundsLevel("6s", "dave@example.com")));
        EscalationPolicy policy = new EscalationPolicy();
        policy.setMetadata(new ObjectMetaBuilder().withName("rounds").withNamespace(namespace).build());
        policy.setSpec(policySpec);
        admin.resource(policy).create();
        Incident incident = ManifestFixtures.example("incident-checkout-outage.yaml", Incident.class);
        incident.getMetadata().setNamespace(namespace);
        incident.getMetadata().setName("recurring");
        incident.getSpec().setSeverity(Severity.SEV3);
        incident.getSpec().setPhase(IncidentPhase.Detected);
        incident.getSpec().setEscalationPolicyRef("rounds");
        admin.resource(incident).create();
        awaitNotifications(incident, records -> delivered(records, "escalation-rounds-0-1"));
        Users.plugin(namespace, null, 0, "ack", "recurring");
        Users.plugin(namespace, null, 0, "resolve", "recurring");
        Incident resolved = awaitNotifications(incident, records -> delivered(records, "resolved"));
        String firstResolution = resolved.getStatus().getResolvedAt();
        String firstAck = resolved.getStatus().getAcknowledgedAt();

        // It comes back: a person reopens it; nobody acknowledges the new round for a while.
        assertThat(Users.plugin(namespace, null, 0, "status", "recurring", "Investigating")).contains("Resolved -> Investigating");
        Incident climbing = awaitNotifications(incident, records -> delivered(records, "reopened@2")
                && delivered(records, "escalation-rounds-0-1@2") && delivered(records, "escalation-rounds-0-2@2"));
        IncidentStatus round = climbing.getStatus();
        assertThat(round.getRound()).isEqualTo(2);
        assertThat(round.getResolvedAt()).as("unresolved again").isNull();
        assertThat(round.getMttrSeconds()).isNull();
        assertThat(round.getAcknowledgedAt()).as("the first acknowledgment stays").isEqualTo(firstAck);
        assertThat(Instant.parse(round.getSla().getResponseDueAt())).as("targets count from the reopen")
                .isAfter(Instant.parse(round.getReopenedAt()));
        assertThat(round.getTimeline()).anySatisfy(e -> {
            assertThat(e.getType()).isEqualTo("Reopened");
            assertThat(e.getMessage()).contains("round 2");
        });
        List<TestReceiver.Request> sent = receiver.accepted("/rounds");
        List<String> kinds = sent.stream().map(r -> r.header("X-Klaxon-Event")).toList();
        int firstRound = kinds.indexOf("resolved") + 1;
        assertThat(kinds.subList(0, firstRound)).endsWith("acknowledged", "resolved");
        assertThat(kinds.subList(firstRound, kinds.size())).as("reopened, then the new round's pages from level 1")
                .containsExactly("reopened", "alert", "alert");
        assertThat(JSON.readTree(sent.get(firstRound + 1).body()).get("text").asText()).contains("carol@example.com");
        assertThat(JSON.readTree(sent.get(firstRound + 2).body()).get("text").asText()).contains("dave@example.com");

        // kubectl klaxon ack acknowledges the round; resolving it again is announced again.
        assertThat(Users.plugin(namespace, null, 0, "ack", "recurring")).contains("round 2 acknowledged");
        awaitNotifications(incident, records -> delivered(records, "acknowledged@2"));
        Users.plugin(namespace, null, 0, "status", "recurring", "Identified");
        Users.plugin(namespace, null, 0, "resolve", "recurring");
        Incident final_ = awaitNotifications(incident, records -> delivered(records, "resolved@2"));
        IncidentStatus done = final_.getStatus();
        assertThat(done.getResolutions()).containsExactly(firstResolution, done.getResolvedAt());
        assertThat(done.getMttrSeconds()).as("MTTR reports the final resolution")
                .isEqualTo(Duration.between(Instant.parse(done.getDetectedAt()), Instant.parse(done.getResolvedAt())).toSeconds());
        assertThat(done.getRoundAcknowledgedAt()).isNotNull();
        assertThat(receiver.accepted("/rounds")).hasSize(firstRound + 5);
        Awaitility.await().atMost(WAIT).untilAsserted(() ->
                assertThat(operator.metric("klaxon_incidents_reopened_total{severity=\"SEV3\"}")).isEqualTo(1));
    }

    @Test
    void sharedCredentialsGoOnlyWhereTheirSecretSaysAndNoPageReachesAForbiddenAddress() throws Exception {
        String prefix = namespace + "-";
        // A tenant given a routing key points the channel at a collector of its own.
        NotificationChannel stolenKey = channel("stolen-key", NotificationChannelSpec.Type.PagerDuty);
        stolenKey.getSpec().setRoutingKeySecretRef(secret(prefix + "pd-shared", "routingKey", "SH4REDKEY"));
        stolenKey.getSpec().setUrl(receiver.url("/collector"));
        // SMTP credentials over cleartext, to a server the Secret does not name.
        NotificationChannel cleartext = channel("cleartext-mail", NotificationChannelSpec.Type.Email);
        EmailSettings settings = new EmailSettings();
        settings.setTo(List.of("forbidden@example.com"));
        settings.setFrom("klaxon@example.com");
        settings.setHost("127.0.0.1");
        settings.setPort(smtp.getSmtp().getPort());
        settings.setStartTls(false);
        settings.setUsernameSecretRef(secret(prefix + "smtp-user", "username", "klaxon", namespace, "smtp.example.com:587"));
        settings.setPasswordSecretRef(secret(prefix + "smtp-password", "password", "S3CRET", namespace, "smtp.example.com:587"));
        cleartext.getSpec().setEmail(settings);
        // Webhooks at cloud metadata and at the API server itself.
        NotificationChannel metadata = channel("metadata", NotificationChannelSpec.Type.Webhook);
        metadata.getSpec().setUrlSecretRef(secret(prefix + "metadata", "url", "http://169.254.169.254/latest/meta-data/"));
        NotificationChannel apiServer = channel("api-server", NotificationChannelSpec.Type.Webhook);
        apiServer.getSpec().setUrlSecretRef(secret(prefix + "apiserver", "url", TestCluster.get().serverUrl() + "/api/v1/namespaces"));
        // A Slack webhook's URL, shared for Slack channels only, used as a generic webhook (which would get the incident's data).
        NotificationChannel wrongType = channel("wrong-type", NotificationChannelSpec.Type.Webhook);
        wrongType.getSpec().setUrlSecretRef(secret(prefix + "slack-only", "url", receiver.url("/wrong-type")));
        admin.secrets().inNamespace(OperatorUnderTest.NAMESPACE).withName(prefix + "slack-only")
                .edit(s -> new SecretBuilder(s).editMetadata().addToAnnotations(ChannelSecrets.CHANNEL_TYPES, "Slack, Teams").endMetadata().build());
        for (NotificationChannel c : List.of(stolenKey, cleartext, metadata, apiServer, wrongType)) {
            admin.resource(c).create();
        }
        for (String name : List.of("stolen-key", "cleartext-mail", "wrong-type")) {
            Condition refused = Await.ready(admin, NotificationChannel.class, namespace, name, Condition.Status.False);
            assertThat(refused.getReason()).isEqualTo("DestinationNotAllowed");
            assertThat(refused.getMessage()).doesNotContain("SH4REDKEY", "S3CRET");
        }

        admin.resource(Policies.oneLevel(namespace, "forbidden", List.of("carol@example.com"), List.of("stolen-key", "cleartext-mail", "metadata", "api-server", "wrong-type"))).create();
        Incident incident = ManifestFixtures.example("incident-checkout-outage.yaml", Incident.class);
        incident.getMetadata().setNamespace(namespace);
        incident.getMetadata().setName("forbidden-destinations");
        incident.getSpec().setPhase(IncidentPhase.Detected);
        incident.getSpec().setEscalationPolicyRef("forbidden");
        admin.resource(incident).create();

        Incident paged = awaitNotifications(incident, records -> records.size() == 5
                && records.stream().allMatch(r -> r.getOutcome() == NotificationRecord.Outcome.Failed));
        assertThat(paged.getStatus().getNotifications()).allSatisfy(r -> assertThat(r.getAttempts()).as("refused, not retried").isEqualTo(1));
        assertThat(paged.getStatus().getNotifications()).filteredOn(r -> r.getChannel().equals("metadata") || r.getChannel().equals("api-server"))
                .allSatisfy(r -> assertThat(r.getMessage()).isEqualTo(DestinationPolicy.REFUSED));
        assertThat(receiver.requests("/collector")).as("the shared key never left").isEmpty();
        assertThat(receiver.requests("/wrong-type")).as("a Secret shared for Slack serves no webhook").isEmpty();
        assertThat(mailsTo("forbidden@example.com")).as("no mail went out in cleartext with the shared password").isEmpty();
        assertThat(Files.readString(TestCluster.PROJECT.resolve("target/operator-" + namespace + ".log")))
                .doesNotContain("SH4REDKEY", "S3CRET", "169.254.169.254");
    }

    private static EscalationLevel roundsLevel(String delay, String user) {
        EscalationTargets targets = new EscalationTargets();
        targets.setUsers(List.of(user));
        targets.setChannels(List.of("rounds"));
        EscalationLevel level = new EscalationLevel();
        level.setDelay(delay);
        level.setTargets(targets);
        return level;
    }

    private static boolean delivered(List<NotificationRecord> records, String event) {
        return records.stream().anyMatch(r -> r.getEvent().equals(event) && r.getOutcome() == NotificationRecord.Outcome.Delivered);
    }

    @Test
    void customersHearOfAnIncidentFromItsPublicUpdatesOnly() throws Exception {
        NotificationChannel customers = channel("customers", NotificationChannelSpec.Type.Email);
        customers.getSpec().setAudience(NotificationChannelSpec.Audience.Customers);
        dev.klaxon.api.v1alpha1.CustomerNotices notices = new dev.klaxon.api.v1alpha1.CustomerNotices();
        notices.setCompanyName("Example Shop");
        notices.setStatusPageUrl("https://status.example.com");
        // SEV1 only: the SEV2 incidents of the other tests in this namespace are not announced.
        notices.setMinSeverity(Severity.SEV1);
        customers.getSpec().setCustomers(notices);
        EmailSettings settings = new EmailSettings();
        settings.setTo(List.of("customers@example.com"));
        settings.setFrom("status@example.com");
        settings.setHost("127.0.0.1");
        settings.setPort(smtp.getSmtp().getPort());
        settings.setStartTls(false);
        customers.getSpec().setEmail(settings);
        admin.resource(customers).create();
        Incident incident = ManifestFixtures.example("incident-checkout-outage.yaml", Incident.class);
        incident.getMetadata().setNamespace(namespace);
        incident.getMetadata().setName("public");
        incident.getSpec().setTitle("Payments degraded");
        incident.getSpec().setSeverity(Severity.SEV1);
        incident.getSpec().setPhase(IncidentPhase.Detected);
        incident.getSpec().setUpdates(new java.util.ArrayList<>());
        admin.resource(incident).create();
        Users.plugin(namespace, null, 0, "note", "public", "Looking into slow checkout (internal)");

        Users.plugin(namespace, null, 0, "note", "public", "Some card payments fail; we are on it", "--public");
        Users.plugin(namespace, null, 0, "note", "public", "A fix is rolling out", "--public");
        Users.plugin(namespace, null, 0, "resolve", "public");

        awaitNotifications(incident, records -> records.stream().filter(r -> r.getChannel().equals("customers"))
                .filter(r -> r.getOutcome() == NotificationRecord.Outcome.Delivered).count() == 3);
        List<MimeMessage> mails = mailsTo("customers@example.com");
        assertThat(mails).extracting(MimeMessage::getSubject).containsExactly("Service Notification: Payments degraded",
                "Service Update: Payments degraded", "Resolved: Payments degraded");
        assertThat(GreenMailUtil.getBody(mails.get(0))).contains("Some card payments fail; we are on it", "Example Shop Operations Team")
                .doesNotContain("internal");
    }

    @Test
    void aChannelCannotUseASecretThatIsMissingOrNotSharedWithItsNamespace() {
        NotificationChannel lost = channel("lost", NotificationChannelSpec.Type.Slack);
        lost.getSpec().setUrlSecretRef(new SecretKeyRef("no-such-secret", "url"));
        admin.resource(lost).create();
        NotificationChannel borrowing = channel("borrowing", NotificationChannelSpec.Type.Slack);
        borrowing.getSpec().setUrlSecretRef(secret(namespace + "-private", "url", "https://hooks.example/private", null));
        admin.resource(borrowing).create();

        for (String name : List.of("lost", "borrowing")) {
            Condition notReady = Await.ready(admin, NotificationChannel.class, namespace, name, Condition.Status.False);
            assertThat(notReady.getReason()).isEqualTo("SecretNotFound");
            assertThat(notReady.getMessage()).contains("spec.urlSecretRef", "not shared with namespace " + namespace)
                    .doesNotContain("https://hooks.example/private");
        }
    }

    @Test
    void aTemplateBombIsItsOwnChannelsProblemAndIncidentDataCannotMentionAWholeChannel() throws Exception {
        String prefix = namespace + "-";
        // Qute's loop would render a title a hundred million times; the sandbox knows no loops.
        NotificationChannel loop = channel("loop-bomb", NotificationChannelSpec.Type.Slack);
        loop.getSpec().setUrlSecretRef(secret(prefix + "loop-bomb", "url", receiver.url("/loop-bomb")));
        loop.getSpec().setTemplate(template("{#for i in 100000000}{incident.title}{/for}"));
        // Within the CRD's 16 K characters, a body that renders the description 700 times: megabytes.
        NotificationChannel flood = channel("flood", NotificationChannelSpec.Type.Slack);
        flood.getSpec().setUrlSecretRef(secret(prefix + "flood", "url", receiver.url("/flood")));
        flood.getSpec().setTemplate(template("{incident.description}".repeat(700)));
        NotificationChannel plain = channel("plain", NotificationChannelSpec.Type.Slack);
        plain.getSpec().setUrlSecretRef(secret(prefix + "plain", "url", receiver.url("/plain")));
        for (NotificationChannel c : List.of(loop, flood, plain)) {
            admin.resource(c).create();
        }
        Condition refused = Await.ready(admin, NotificationChannel.class, namespace, "loop-bomb", Condition.Status.False);
        assertThat(refused.getReason()).isEqualTo("InvalidTemplate");

        admin.resource(Policies.oneLevel(namespace, "bombs", List.of(), List.of("loop-bomb", "flood", "plain"))).create();
        Incident incident = ManifestFixtures.example("incident-checkout-outage.yaml", Incident.class);
        incident.getMetadata().setNamespace(namespace);
        incident.getMetadata().setName("bombs");
        incident.getSpec().setTitle("Checkout down <!channel> <https://evil.example|click to acknowledge>");
        incident.getSpec().setDescription("d".repeat(4000));
        incident.getSpec().setPhase(IncidentPhase.Detected);
        incident.getSpec().setEscalationPolicyRef("bombs");
        admin.resource(incident).create();

        awaitNotifications(incident, records -> records.size() == 3
                && records.stream().allMatch(r -> r.getOutcome() == NotificationRecord.Outcome.Delivered));
        assertThat(operator.isAlive()).isTrue();
        String text = JSON.readTree(single("/plain").body()).get("text").asText();
        assertThat(text).contains("Checkout down &lt;!channel&gt; &lt;https://evil.example|click to acknowledge&gt;")
                .doesNotContain("<!channel>", "<https://evil");
        assertThat(JSON.readTree(single("/loop-bomb").body()).get("text").asText()).as("the built-in wording instead")
                .contains("*Incident Alert*", "&lt;!channel&gt;");
        assertThat(JSON.readTree(single("/flood").body()).get("text").asText().length()).as("within the output limit")
                .isLessThanOrEqualTo(SandboxedTemplates.MAX_OUTPUT_CHARS + 1024);
    }

    private static dev.klaxon.api.v1alpha1.MessageTemplate template(String body) {
        dev.klaxon.api.v1alpha1.MessageTemplate template = new dev.klaxon.api.v1alpha1.MessageTemplate();
        template.setBody(body);
        return template;
    }

    @Test
    void aBrokenTemplateIsReportedOnTheChannel() {
        NotificationChannel broken = channel("broken-template", NotificationChannelSpec.Type.Slack);
        broken.getSpec().setUrlSecretRef(secret(namespace + "-broken", "url", receiver.url("/broken")));
        dev.klaxon.api.v1alpha1.MessageTemplate template = new dev.klaxon.api.v1alpha1.MessageTemplate();
        template.setBody("{incident.titel}");
        broken.getSpec().setTemplate(template);
        admin.resource(broken).create();

        Condition notReady = Await.ready(admin, NotificationChannel.class, namespace, "broken-template", Condition.Status.False);
        assertThat(notReady.getReason()).isEqualTo("InvalidTemplate");
        assertThat(notReady.getMessage()).contains("spec.template", "titel");
    }

    @Test
    void aSecretUrlNeverShowsInStatusEventsOrTheLog() throws Exception {
        String secretUrl = "https://bad_host.example/services/T000/B000/S3CR3TT0K3N";
        NotificationChannel odd = channel("odd-url", NotificationChannelSpec.Type.Webhook);
        odd.getSpec().setUrlSecretRef(secret(namespace + "-odd", "url", secretUrl));
        admin.resource(odd).create();
        admin.resource(Policies.oneLevel(namespace, "odd", List.of(), List.of("odd-url"))).create();
        Incident incident = ManifestFixtures.example("incident-checkout-outage.yaml", Incident.class);
        incident.getMetadata().setNamespace(namespace);
        incident.getMetadata().setName("odd");
        incident.getSpec().setPhase(IncidentPhase.Detected);
        incident.getSpec().setEscalationPolicyRef("odd");
        admin.resource(incident).create();

        Incident failed = awaitNotifications(incident, records -> records.size() == 1
                && records.get(0).getOutcome() == NotificationRecord.Outcome.Failed);

        assertThat(failed.getStatus().getNotifications().get(0).getMessage()).contains("not a usable http(s) URL");
        assertThat(admin.getKubernetesSerialization().asJson(failed)).doesNotContain("S3CR3TT0K3N");
        assertThat(admin.v1().events().inNamespace(namespace).list().getItems()).anySatisfy(e ->
                assertThat(e.getReason()).isEqualTo("NotificationFailed"))
                .allSatisfy(e -> assertThat(e.getMessage()).doesNotContain("S3CR3TT0K3N"));
        assertThat(Files.readString(TestCluster.PROJECT.resolve("target/operator-" + namespace + ".log"))).doesNotContain("S3CR3TT0K3N");
    }

    private static TestReceiver.Request single(String path) {
        assertThat(receiver.accepted(path)).as(path).hasSize(1);
        return receiver.accepted(path).get(0);
    }

    /** The mails GreenMail received for one address (the tests of this class share the server). */
    private static List<MimeMessage> mailsTo(String address) {
        return java.util.Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().equals(address);
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static Incident awaitNotifications(Incident incident, Predicate<List<NotificationRecord>> condition) {
        return Awaitility.await("notifications of " + incident.getMetadata().getName()).atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> admin.resource(incident).get(), i -> i.getStatus() != null && i.getStatus().getNotifications() != null
                        && condition.test(i.getStatus().getNotifications()));
    }
}
