package dev.klaxon.statuspage.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import dev.klaxon.api.ManifestFixtures;
import dev.klaxon.api.v1alpha1.Condition;
import dev.klaxon.api.v1alpha1.EmailSettings;
import dev.klaxon.api.v1alpha1.Impact;
import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.IncidentPublication;
import dev.klaxon.api.v1alpha1.IncidentSpec;
import dev.klaxon.api.v1alpha1.KlaxonApi;
import dev.klaxon.api.v1alpha1.NotificationChannel;
import dev.klaxon.api.v1alpha1.NotificationChannelSpec;
import dev.klaxon.api.v1alpha1.Severity;
import dev.klaxon.api.v1alpha1.StatusPage;
import dev.klaxon.api.v1alpha1.StatusPageSubscriber;
import dev.klaxon.api.v1alpha1.StatusPageSubscriberStatus;
import dev.klaxon.api.v1alpha1.StatusPageSubscriptions;
import dev.klaxon.api.v1alpha1.Visibility;
import dev.klaxon.testing.Await;
import dev.klaxon.testing.Browser;
import dev.klaxon.testing.OperatorTest;
import dev.klaxon.testing.OperatorTest.Operated;
import dev.klaxon.testing.Ports;
import dev.klaxon.testing.StatusSiteProcess;
import dev.klaxon.testing.TestReceiver;
import dev.klaxon.testing.Users;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * Subscribing from the status site, end to end: the real site process under the chart's
 * ServiceAccount, the operator, GreenMail as the SMTP server and a webhook receiver. A visitor
 * subscribes with the form, is mailed a link, confirms with the link's button, is mailed each
 * public update with a link (and List-Unsubscribe header) to leave, and leaves with one click.
 */
@OperatorTest(namespace = "subscribe")
class StatusPageSubscriptionIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int PER_CLIENT = 10;
    private static final String PAGE = "acme-status";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CONFIRM = Pattern.compile("http://127\\.0\\.0\\.1:\\d+/subscriptions/confirm/[a-z0-9.-]+/[0-9a-f]{64}");
    private static final Pattern UNSUBSCRIBE = Pattern.compile("http://127\\.0\\.0\\.1:\\d+/subscriptions/unsubscribe/[a-z0-9.-]+/[0-9a-f]{64}");
    @Operated
    private static KubernetesClient admin;
    @Operated
    private static String namespace;
    private static GreenMail smtp;
    private static StatusSiteProcess site;

    @BeforeAll
    static void start() {
        smtp = new GreenMail(new ServerSetup(Ports.free(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        NotificationChannel mailer = new NotificationChannel();
        mailer.setMetadata(new ObjectMetaBuilder().withName("mailer").withNamespace(namespace).build());
        NotificationChannelSpec spec = new NotificationChannelSpec();
        spec.setType(NotificationChannelSpec.Type.Email);
        spec.setAudience(NotificationChannelSpec.Audience.Customers);
        EmailSettings email = new EmailSettings();
        email.setTo(List.of("status-list@example.com"));
        email.setFrom("status@example.com");
        email.setHost("127.0.0.1");
        email.setPort(smtp.getSmtp().getPort());
        email.setStartTls(false);
        spec.setEmail(email);
        mailer.setSpec(spec);
        admin.resource(mailer).create();
        // Each test's requests come from 127.0.0.1: a few more than the default, so the tests can run in any order.
        site = new StatusSiteProcess(namespace, PAGE, "no-token", List.of("-Dklaxon.status-site.subscribe-per-client=" + PER_CLIENT));
        StatusPage page = ManifestFixtures.example("statuspage-acme.yaml", StatusPage.class);
        page.getMetadata().setNamespace(namespace);
        StatusPageSubscriptions subscriptions = page.getSpec().getSubscriptions();
        subscriptions.setUrl(site.url());
        subscriptions.setEmailChannel("mailer");
        admin.resource(page).create();
        Await.ready(admin, StatusPage.class, namespace, PAGE, Condition.Status.True);
        site.start();
    }

    @AfterAll
    static void stop() {
        site.close();
        smtp.stop();
    }

    @Test
    void aVisitorSubscribesByEmailConfirmsIsToldEachUpdateAndLeavesWithOneClick() throws Exception {
        assertThat(get("/").body()).contains("<a href=\"/subscribe\">Email</a>");
        assertThat(get("/subscribe").body()).contains("name=\"email\"").contains("name=\"webhook\"");
        HttpResponse<String> asked = post("/subscribe", "email=alice%40example.com");
        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(202);
        assertThat(asked.body()).contains("We sent a link to alice@example.com");

        MimeMessage confirmation = awaitMail("alice@example.com", 1).get(0);
        assertThat(confirmation.getSubject()).isEqualTo("Confirm your subscription to Acme Status");
        String confirm = find(CONFIRM, GreenMailUtil.getBody(confirmation));
        StatusPageSubscriber alice = only("alice@example.com");
        assertThat(alice.getStatus().getPhase()).isEqualTo(StatusPageSubscriberStatus.Phase.Pending);

        // Opening the link (as a mail scanner would) only shows the button.
        HttpResponse<String> opened = HTTP.send(HttpRequest.newBuilder(URI.create(confirm)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(opened.statusCode()).isEqualTo(200);
        assertThat(opened.body()).contains("<form method=\"post\"").contains("Confirm my subscription");
        assertThat(annotations(alice.getMetadata().getName())).doesNotContainKey(KlaxonApi.ANNOTATION_CONFIRM);
        HttpResponse<String> pressed = HTTP.send(HttpRequest.newBuilder(URI.create(confirm)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(pressed.statusCode()).isEqualTo(200);
        Awaitility.await("alice confirmed").atMost(WAIT).until(() -> phase(alice.getMetadata().getName()) == StatusPageSubscriberStatus.Phase.Confirmed);

        admin.resource(incident("api-down", "Checkout is failing", Visibility.everyone)).create();
        MimeMessage update = awaitMail("alice@example.com", 2).get(1);
        assertThat(update.getSubject()).isEqualTo("[Acme Status] Checkout is failing: investigating");
        String body = GreenMailUtil.getBody(update);
        assertThat(body).contains("We are investigating reports of failed checkouts").doesNotContain("internal title");
        String unsubscribe = find(UNSUBSCRIBE, body);
        assertThat(update.getHeader("List-Unsubscribe")).containsExactly("<" + unsubscribe + ">");
        assertThat(update.getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");

        // A mail client's one-click unsubscribe (RFC 8058) is a POST of this body to the link.
        HttpResponse<String> left = HTTP.send(HttpRequest.newBuilder(URI.create(unsubscribe)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(left.statusCode()).isEqualTo(200);
        Awaitility.await("alice deleted").atMost(WAIT).until(() -> admin.resources(StatusPageSubscriber.class).inNamespace(namespace)
                .withName(alice.getMetadata().getName()).get() == null);

        // A webhook subscriber, confirmed, is the witness: it hears the next update, alice does not.
        try (TestReceiver receiver = new TestReceiver()) {
            StatusPageSubscriber hook = webhookSubscriber(receiver.url("/hook"));
            Awaitility.await("the webhook's confirmation").atMost(WAIT).until(() -> !receiver.accepted("/hook").isEmpty());
            JsonNode asking = JSON.readTree(receiver.accepted("/hook").get(0).body());
            assertThat(asking.get("kind").asText()).isEqualTo("subscription-confirm");
            post(find(CONFIRM, asking.at("/subscription/confirm").asText()).replaceFirst("http://127\\.0\\.0\\.1:\\d+", ""), "");
            Awaitility.await("hook confirmed").atMost(WAIT).until(() -> phase(hook.getMetadata().getName()) == StatusPageSubscriberStatus.Phase.Confirmed);
            admin.resources(Incident.class).inNamespace(namespace).withName("api-down").patch(PatchContext.of(PatchType.JSON),
                    "[{\"op\":\"add\",\"path\":\"/spec/updates/-\",\"value\":{\"message\":\"A fix is rolling out.\",\"author\":\"carol@example.com\","
                            + "\"public\":true}}]");
            try {
                Awaitility.await("the webhook hears the update").atMost(WAIT).until(() -> receiver.accepted("/hook").size() == 2);
            } catch (RuntimeException e) {
                System.out.println("DEBUG requests " + receiver.requests("/hook"));
                System.out.println("DEBUG subscriber " + admin.resources(StatusPageSubscriber.class).inNamespace(namespace).withName(hook.getMetadata().getName()).get());
                System.out.println("DEBUG page " + admin.resources(StatusPage.class).inNamespace(namespace).withName(PAGE).get().getStatus().getIncidents());
                throw e;
            }
            JsonNode told = JSON.readTree(receiver.accepted("/hook").get(1).body());
            assertThat(told.get("kind").asText()).isEqualTo("subscriber-update");
            assertThat(told.at("/subscription/message").asText()).isEqualTo("A fix is rolling out.");
            assertThat(told.at("/subscription/unsubscribe").asText()).matches(UNSUBSCRIBE);
            assertThat(mailTo("alice@example.com")).as("nothing after unsubscribing").hasSize(2);
        }
    }

    @Test
    void theSameAddressAskedForTwiceIsAskedToConfirmOnceAndAClientIsRateLimited() throws Exception {
        assertThat(post("/subscribe", "email=bob%40example.com").statusCode()).isEqualTo(202);
        awaitMail("bob@example.com", 1);
        assertThat(post("/subscribe", "email=Bob%40Example.com").statusCode()).as("the same answer: nobody learns who is subscribed").isEqualTo(202);
        // Refused before it was asked anything, it is deleted at once: a stranger's requests do not pile up.
        Awaitility.await("the second request is refused and deleted").atMost(WAIT).until(() -> admin.v1().events().inNamespace(namespace).list()
                .getItems().stream().anyMatch(e -> "SubscriberRemoved".equals(e.getReason()) && e.getMessage().contains("has the same address")));
        assertThat(admin.resources(StatusPageSubscriber.class).inNamespace(namespace).list().getItems())
                .filteredOn(s -> "bob@example.com".equalsIgnoreCase(s.getSpec().getEmail())).hasSize(1);
        assertThat(mailTo("bob@example.com")).as("one confirmation, however often asked").hasSize(1);

        assertThat(post("/subscribe", "email=not-an-address").statusCode()).isEqualTo(400);
        // From a client address of its own (the other tests ask from 127.0.0.1).
        List<Integer> answers = new java.util.ArrayList<>();
        for (int i = 0; i <= PER_CLIENT; i++) {
            answers.add(postFrom("127.0.0.2", "/subscribe", "email=someone" + i + "%40example.com"));
        }
        assertThat(answers.subList(0, PER_CLIENT)).containsOnly(202);
        assertThat(answers.get(PER_CLIENT)).as("past " + PER_CLIENT + " requests in ten minutes from one client").isEqualTo(429);
        assertThat(postFrom("127.0.0.3", "/subscribe", "email=carol%40example.com")).as("another client").isEqualTo(202);
    }

    @Test
    void inChromiumTheFormSubscribesAndTheMailedLinksButtonConfirms() throws Exception {
        try (Browser browser = Browser.start()) {
            WebDriver driver = browser.driver();
            driver.get(site.url() + "/");
            driver.findElement(By.linkText("Email")).click();
            driver.findElement(By.id("email")).sendKeys("dana@example.com");
            driver.findElement(By.cssSelector("button[type=submit]")).click();
            // The page's Content-Security-Policy lets its own form post to it (form-action 'self').
            awaitHeading(driver, "Check your inbox");

            driver.get(find(CONFIRM, GreenMailUtil.getBody(awaitMail("dana@example.com", 1).get(0))));
            driver.findElement(By.cssSelector("button[type=submit]")).click();
            awaitHeading(driver, "Subscription confirmed");
        }
        StatusPageSubscriber dana = only("dana@example.com");
        Awaitility.await("dana confirmed").atMost(WAIT).until(() -> phase(dana.getMetadata().getName()) == StatusPageSubscriberStatus.Phase.Confirmed);
    }

    /** The page the browser shows once its navigation is done: its heading says {@code text}. */
    private static void awaitHeading(WebDriver driver, String text) {
        try {
            Awaitility.await("the page \"" + text + "\"").atMost(WAIT).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                    .until(() -> driver.findElements(By.tagName("h2")).stream().anyMatch(h -> h.getText().equals(text)));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("not the page \"" + text + "\" at " + driver.getCurrentUrl() + ":\n" + driver.getPageSource(), e);
        }
    }

    @Test
    void aWebhookInAPrivateNetworkIsNeverCalled() throws Exception {
        // The operator runs in the cluster: a stranger's URL must not reach what only the cluster can.
        StatusPageSubscriber inside = webhookSubscriber("http://10.96.0.10:9090/api/v1/admin");
        Awaitility.await("the confirmation refused").atMost(WAIT).until(() -> {
            StatusPageSubscriber now = admin.resources(StatusPageSubscriber.class).inNamespace(namespace).withName(inside.getMetadata().getName()).get();
            return now.getStatus() != null && now.getStatus().getNotifications() != null && now.getStatus().getNotifications().stream()
                    .anyMatch(r -> r.getOutcome() == dev.klaxon.api.v1alpha1.NotificationRecord.Outcome.Failed
                            && r.getMessage().contains("a network notifications may not reach"));
        });
    }

    @Test
    void theSitesServiceAccountMakesSubscribersButCannotReadThem() {
        KubernetesClient siteAccount = Users.as("system:serviceaccount:" + namespace + ":" + StatusSiteProcess.SERVICE_ACCOUNT);
        assertThatThrownBy(() -> siteAccount.resources(StatusPageSubscriber.class).inNamespace(namespace).list())
                .isInstanceOf(KubernetesClientException.class).hasMessageContaining("Forbidden");
        assertThatThrownBy(() -> siteAccount.resources(StatusPageSubscriber.class).inNamespace(namespace).withName("any").get())
                .isInstanceOf(KubernetesClientException.class).hasMessageContaining("Forbidden");
    }

    private static StatusPageSubscriber webhookSubscriber(String url) throws Exception {
        assertThat(post("/subscribe", "webhook=" + java.net.URLEncoder.encode(url, java.nio.charset.StandardCharsets.UTF_8)).statusCode()).isEqualTo(202);
        return Awaitility.await().atMost(WAIT).until(() -> admin.resources(StatusPageSubscriber.class).inNamespace(namespace).list().getItems()
                .stream().filter(s -> url.equals(s.getSpec().getWebhook())).findFirst().orElse(null), s -> s != null);
    }

    private static StatusPageSubscriber only(String email) {
        return Awaitility.await().atMost(WAIT).until(() -> admin.resources(StatusPageSubscriber.class).inNamespace(namespace).list().getItems()
                .stream().filter(s -> email.equals(s.getSpec().getEmail()) && s.getStatus() != null).findFirst().orElse(null), s -> s != null);
    }

    private static StatusPageSubscriberStatus.Phase phase(String name) {
        StatusPageSubscriber subscriber = admin.resources(StatusPageSubscriber.class).inNamespace(namespace).withName(name).get();
        return subscriber == null || subscriber.getStatus() == null ? null : subscriber.getStatus().getPhase();
    }

    private static java.util.Map<String, String> annotations(String name) {
        var annotations = admin.resources(StatusPageSubscriber.class).inNamespace(namespace).withName(name).get().getMetadata().getAnnotations();
        return annotations == null ? java.util.Map.of() : annotations;
    }

    private static List<MimeMessage> mailTo(String address) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(r -> r.toString().equalsIgnoreCase(address));
            } catch (jakarta.mail.MessagingException e) {
                return false;
            }
        }).toList();
    }

    private static List<MimeMessage> awaitMail(String address, int count) {
        Awaitility.await(count + " mails to " + address).atMost(WAIT).until(() -> mailTo(address).size() >= count);
        return mailTo(address);
    }

    private static String find(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        assertThat(matcher.find()).as("a link in: " + text).isTrue();
        return matcher.group();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(site.url() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String form) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(site.url() + path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The status code of a form POST made from {@code localAddress} (a loopback address of the test's choosing). */
    private static int postFrom(String localAddress, String path, String form) throws Exception {
        URI site = URI.create(StatusPageSubscriptionIT.site.url());
        try (java.net.Socket socket = new java.net.Socket(site.getHost(), site.getPort(), java.net.InetAddress.getByName(localAddress), 0)) {
            socket.setSoTimeout(30_000);
            byte[] body = form.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            socket.getOutputStream().write(("POST " + path + " HTTP/1.1\r\nHost: " + site.getHost() + "\r\nConnection: close\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().write(body);
            String status = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(), java.nio.charset.StandardCharsets.US_ASCII))
                    .readLine();
            return Integer.parseInt(status.split(" ")[1]);
        }
    }

    private static Incident incident(String name, String publicTitle, Visibility visibility) {
        Incident incident = new Incident();
        incident.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        IncidentSpec spec = new IncidentSpec();
        spec.setTitle("internal title: payments DB failover");
        spec.setSeverity(Severity.SEV2);
        Impact impact = new Impact();
        impact.setAffectedServices(List.of("checkout"));
        spec.setImpact(impact);
        IncidentPublication publication = new IncidentPublication();
        publication.setPage(PAGE);
        publication.setTitle(publicTitle);
        publication.setImpact("Failed checkouts");
        publication.setVisibility(visibility);
        spec.setPublication(publication);
        incident.setSpec(spec);
        return incident;
    }
}
