package dev.klaxon.statuspage.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.selenium.AxeBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.klaxon.api.ManifestFixtures;
import dev.klaxon.api.v1alpha1.Condition;
import dev.klaxon.api.v1alpha1.Impact;
import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.IncidentPublication;
import dev.klaxon.api.v1alpha1.IncidentSpec;
import dev.klaxon.api.v1alpha1.PostIncidentReview;
import dev.klaxon.api.v1alpha1.Severity;
import dev.klaxon.api.v1alpha1.StatusPage;
import dev.klaxon.api.v1alpha1.Visibility;
import dev.klaxon.testing.Await;
import dev.klaxon.testing.Browser;
import dev.klaxon.testing.OperatorProcess;
import dev.klaxon.testing.OperatorTest.Operated;
import dev.klaxon.testing.OperatorTest;
import dev.klaxon.testing.SlowClients;
import dev.klaxon.testing.StatusSiteProcess;
import dev.klaxon.testing.TestCluster;
import dev.klaxon.testing.Users;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The status site as customers meet it: the packaged operator keeps a page on the real control
 * plane, the site (its own process, under the chart's read-only ServiceAccount) serves it, and
 * an incident published, updated in public and in private and resolved reads the same through
 * the Statuspage v2 API (field by field), the feeds and the HTML page.
 */
@OperatorTest(namespace = "statussite")
class StatusSiteIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String PAGE = "acme-status";
    private static final String PRIVATE = "db-7 primary lost quorum; paging the DBA";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String TOKEN = UUID.randomUUID().toString();
    @Operated
    private static KubernetesClient admin;
    @Operated
    private static String namespace;
    @Operated
    private static OperatorProcess operator;
    private static StatusSiteProcess site;

    @BeforeAll
    static void startSite() {
        StatusPage page = ManifestFixtures.example("statuspage-acme.yaml", StatusPage.class);
        page.getMetadata().setNamespace(namespace);
        admin.resource(page).create();
        Await.ready(admin, StatusPage.class, namespace, PAGE, Condition.Status.True);
        admin.resource(new SecretBuilder().withNewMetadata().withName("acme-token").withNamespace(namespace).endMetadata()
                .addToStringData("token", TOKEN).build()).create();
        site = new StatusSiteProcess(namespace, PAGE, "acme-token").start();
    }

    @AfterAll
    static void stopSite() {
        site.close();
    }

    @Test
    void anIncidentPublishedUpdatedAndResolvedReadsTheSameThroughTheApiTheFeedsAndThePage() throws Exception {
        create(incident("api-down", Severity.SEV1, "checkout", Visibility.everyone));
        note("api-down", PRIVATE, false);
        note("api-down", "Checkout requests fail. We are on it.", true);
        awaitJson("/api/v2/summary.json", s -> incident(s, "api-down") != null && incident(s, "api-down").get("incident_updates").size() == 2);
        admin.resources(Incident.class).inNamespace(namespace).withName("api-down")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"publication\":{\"status\":\"identified\"}}}");

        JsonNode summary = awaitJson("/api/v2/summary.json", s -> incident(s, "api-down") != null
                && incident(s, "api-down").get("incident_updates").size() == 3);
        assertThat(fieldNames(summary)).containsExactly("page", "components", "incidents", "scheduled_maintenances", "status");
        assertThat(fieldNames(summary.get("page"))).containsExactly("id", "name", "url", "time_zone", "updated_at");
        assertThat(summary.at("/page/name").asText()).isEqualTo("Acme Status");
        assertThat(summary.at("/page/url").asText()).isEqualTo(site.url());
        assertThat(summary.at("/page/time_zone").asText()).isEqualTo("Etc/UTC");
        assertThat(summary.at("/status/indicator").asText()).isEqualTo("critical");
        assertThat(summary.at("/status/description").asText()).isEqualTo("Major System Outage");
        JsonNode api = component(summary, "api");
        assertThat(fieldNames(api)).containsExactly("id", "name", "status", "created_at", "updated_at", "position", "description",
                "showcase", "start_date", "group_id", "page_id", "group", "only_show_if_degraded");
        assertThat(api.get("status").asText()).isEqualTo("major_outage");
        assertThat(api.get("group_id").asText()).isEqualTo("group-core-services");
        assertThat(api.get("position").asInt()).isEqualTo(1);
        assertThat(component(summary, "dashboard").get("status").asText()).isEqualTo("operational");
        JsonNode core = component(summary, "group-core-services");
        assertThat(core.get("group").asBoolean()).isTrue();
        assertThat(core.get("status").asText()).isEqualTo("major_outage");
        assertThat(JSON.convertValue(core.get("components"), List.class)).containsExactly("api", "chat-completions", "embeddings",
                "authentication");
        JsonNode incident = incident(summary, "api-down");
        assertThat(fieldNames(incident)).containsExactly("id", "name", "status", "created_at", "updated_at", "monitoring_at", "resolved_at",
                "impact", "shortlink", "started_at", "page_id", "incident_updates", "components");
        assertThat(incident.get("name").asText()).isEqualTo("Checkout is failing");
        assertThat(incident.get("status").asText()).isEqualTo("identified");
        assertThat(incident.get("impact").asText()).isEqualTo("critical");
        assertThat(incident.get("resolved_at").isNull()).isTrue();
        assertThat(incident.get("shortlink").asText()).isEqualTo(site.url() + "/incidents/" + incident.get("id").asText());
        assertThat(bodies(incident)).containsExactly(
                "We have identified the cause of this issue and are working on a fix. Affected services: API. "
                        + "We will provide updates on our progress.",
                "Checkout requests fail. We are on it.", "We are investigating reports of failed checkouts.");
        JsonNode update = incident.get("incident_updates").get(0);
        assertThat(fieldNames(update)).containsExactly("id", "status", "body", "incident_id", "created_at", "updated_at", "display_at",
                "affected_components", "deliver_notifications", "custom_tweet", "tweet_id");
        assertThat(update.get("status").asText()).isEqualTo("identified");
        assertThat(update.get("incident_id").asText()).isEqualTo(incident.get("id").asText());
        assertThat(incident.at("/components/0/id").asText()).isEqualTo("api");
        assertThat(summary.get("scheduled_maintenances").isArray()).isTrue();

        assertThat(fieldNames(json("/api/v2/status.json"))).containsExactly("page", "status");
        assertThat(fieldNames(json("/api/v2/components.json"))).containsExactly("page", "components");
        assertThat(incident(json("/api/v2/incidents/unresolved.json"), "api-down")).isNotNull();
        for (String path : List.of("/api/v2/scheduled-maintenances.json", "/api/v2/scheduled-maintenances/upcoming.json",
                "/api/v2/scheduled-maintenances/active.json")) {
            assertThat(fieldNames(json(path))).as(path).containsExactly("page", "scheduled_maintenances");
        }
        String atom = get("/feed.atom").body();
        assertThat(atom).contains("<feed xmlns=\"http://www.w3.org/2005/Atom\">", "Checkout requests fail. We are on it.",
                "<title>Checkout is failing – identified</title>");
        assertThat(get("/feed.rss").body()).contains("<rss version=\"2.0\">", "Checkout requests fail. We are on it.");
        String html = get("/").body();
        assertThat(html).contains("<title>Acme Status</title>", "Major system outage", "Checkout is failing",
                "Checkout requests fail. We are on it.");
        assertThat(html).containsPattern("<span class=\"name\">API</span> <span class=\"state s-major-outage\">Major outage</span>");
        for (String path : List.of("/", "/history", "/feed.atom", "/feed.rss", "/api/v2/summary.json", "/api/v2/incidents.json")) {
            assertThat(get(path).body()).as(path).doesNotContain("db-7", "internal title");
        }

        admin.resources(Incident.class).inNamespace(namespace).withName("api-down")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"phase\":\"Resolved\"}}");
        JsonNode resolved = awaitJson("/api/v2/incidents.json", s -> "resolved".equals(incident(s, "api-down").get("status").asText()));
        assertThat(incident(resolved, "api-down").get("resolved_at").isNull()).isFalse();
        assertThat(bodies(incident(resolved, "api-down")).get(0)).startsWith("This incident has been resolved.");
        assertThat(incident(json("/api/v2/incidents/unresolved.json"), "api-down")).isNull();
        assertThat(component(json("/api/v2/components.json"), "api").get("status").asText()).isEqualTo("operational");
        assertThat(get("/history").body()).contains("Checkout is failing", "This incident has been resolved.");

        // The SEV1 got its review when it resolved; published, its public summary is the postmortem.
        Awaitility.await("pir-api-down").atMost(WAIT).until(() -> admin.resources(PostIncidentReview.class).inNamespace(namespace)
                .withName("pir-api-down").get() != null);
        admin.resources(PostIncidentReview.class).inNamespace(namespace).withName("pir-api-down").patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"spec\":{\"phase\":\"completed\",\"summary\":\"internal: the payments DB failed over\",\"whatWentWell\":[\"fast page\"],"
                        + "\"whatCouldImprove\":[\"failover drills\"],\"publicSummary\":\"A database failover stalled checkouts; we now drill it monthly.\"}}");
        admin.resources(PostIncidentReview.class).inNamespace(namespace).withName("pir-api-down")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"phase\":\"published\"}}");
        JsonNode postmortem = awaitJson("/api/v2/incidents.json", s -> "postmortem".equals(incident(s, "api-down").get("status").asText()));
        assertThat(bodies(incident(postmortem, "api-down")).get(0)).isEqualTo("A database failover stalled checkouts; we now drill it monthly.");
        assertThat(get("/history").body()).contains("Postmortem", "we now drill it monthly").doesNotContain("payments DB failed over");
    }

    @Test
    void customersOnlyIncidentsNeedThePagesTokenAndNeverReachThePublicPage() throws Exception {
        create(incident("vip-slow", Severity.SEV3, "embeddings", Visibility.customers_only));
        JsonNode customers = awaitJson("/customers/api/v2/summary.json", TOKEN, s -> incident(s, "vip-slow") != null);
        assertThat(incident(customers, "vip-slow").get("name").asText()).isEqualTo("Checkout is failing");
        assertThat(get("/customers/", TOKEN).body()).contains("We are investigating reports of failed checkouts.");
        HttpResponse<String> cached = get("/customers/api/v2/summary.json", TOKEN);
        assertThat(cached.headers().firstValue("Cache-Control")).hasValue("private, no-cache");

        assertThat(get("/customers/api/v2/summary.json").statusCode()).isEqualTo(401);
        assertThat(get("/customers/api/v2/summary.json", "not-" + TOKEN).statusCode()).isEqualTo(401);
        for (String path : List.of("/", "/history", "/feed.atom", "/api/v2/summary.json", "/api/v2/incidents.json")) {
            assertThat(get(path).body()).as(path).doesNotContain(incident(customers, "vip-slow").get("id").asText());
        }
    }

    @Test
    void thePublicPortServesThePageAndNothingElseFromMemoryWithValidators() throws Exception {
        HttpResponse<String> first = get("/api/v2/status.json");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(first.headers().firstValue("Cache-Control")).hasValue("public, max-age=10");
        assertThat(first.headers().firstValue("Content-Type")).hasValue("application/json");
        HttpResponse<String> again = HTTP.send(HttpRequest.newBuilder(URI.create(site.url() + "/api/v2/status.json"))
                .header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(again.statusCode()).isEqualTo(304);

        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(site.url() + "/api/v2/summary.json")).POST(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(405);
        assertThat(get("/q/metrics").statusCode()).isEqualTo(404);
        assertThat(get("/q/health/ready").statusCode()).isEqualTo(404);
        assertThat(get("/apis/klaxon.dev/v1alpha1/incidents").statusCode()).isEqualTo(404);
        HttpResponse<String> metrics = HTTP.send(HttpRequest.newBuilder(URI.create(site.managementUrl() + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.body()).contains("klaxon_status_site_responses_total{code=\"200\"}", "klaxon_status_site_ready 1");
    }

    @Test
    void slowClientsHoldNoThreadAndTheSummaryAnswersAtOnce() throws Exception {
        int port = Integer.parseInt(site.url().substring(site.url().lastIndexOf(':') + 1));
        try (SlowClients slow = new SlowClients(port, 256, "GET /api/v2/summary.json HTTP/1.1\r\nHost: status.example\r\n\r\n")) {
            Awaitility.await("the slow clients connected, each sending as slowly as it can").atMost(WAIT)
                    .until(() -> slow.connected() >= 256 && slow.rounds() >= 2);

            long started = System.nanoTime();
            HttpResponse<String> summary = HTTP.send(HttpRequest.newBuilder(URI.create(site.url() + "/api/v2/summary.json"))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            System.out.printf("summary.json took %d ms while 256 slow clients held connections%n", took.toMillis());
            assertThat(summary.statusCode()).isEqualTo(200);
            assertThat(took).isLessThan(Duration.ofSeconds(1));
        }
    }

    @Test
    void theSitesServiceAccountReadsItsPageAndTokenAndNothingElse() {
        KubernetesClient siteAccount = Users.as("system:serviceaccount:" + namespace + ":" + StatusSiteProcess.SERVICE_ACCOUNT);
        assertThat(siteAccount.resources(StatusPage.class).inNamespace(namespace).withName(PAGE).get()).isNotNull();
        assertThatThrownBy(() -> siteAccount.resources(Incident.class).inNamespace(namespace).list())
                .isInstanceOf(KubernetesClientException.class).hasMessageContaining("Forbidden");
        assertThatThrownBy(() -> siteAccount.resources(StatusPage.class).inNamespace(namespace).list())
                .isInstanceOf(KubernetesClientException.class).hasMessageContaining("Forbidden");
        assertThatThrownBy(() -> siteAccount.secrets().inNamespace(namespace).withName("default-token").get())
                .isInstanceOf(KubernetesClientException.class).hasMessageContaining("Forbidden");
        assertThatThrownBy(() -> siteAccount.resources(StatusPage.class).inNamespace(namespace).withName(PAGE)
                .edit(p -> {
                    p.getSpec().setTitle("Defaced");
                    return p;
                })).isInstanceOf(KubernetesClientException.class).hasMessageContaining("Forbidden");
    }

    @Test
    void inChromiumThePageShowsTheIncidentItsPublicUpdatesAndTheComponentsColoursAccessibly() throws Exception {
        create(incident("hooks-late", Severity.SEV2, "webhooks", Visibility.everyone));
        create(incident("auth-down", Severity.SEV1, "authentication", Visibility.everyone));
        note("hooks-late", "internal: queue-3 consumer is stuck", false);
        note("hooks-late", "Webhook deliveries are delayed by a few minutes.", true);
        awaitJson("/api/v2/summary.json", s -> incident(s, "hooks-late") != null && incident(s, "hooks-late").get("incident_updates").size() == 2
                && incident(s, "auth-down") != null);

        try (Browser browser = Browser.start()) {
            WebDriver driver = browser.driver();
            driver.get(site.url() + "/");
            String text = driver.findElement(By.tagName("main")).getText();
            assertThat(text).contains("Checkout is failing", "Webhook deliveries are delayed by a few minutes.",
                    "We are investigating reports of failed checkouts.").doesNotContain("queue-3", "internal title");
            WebElement webhooks = driver.findElement(By.cssSelector("#component-webhooks .state"));
            assertThat(webhooks.getText()).isEqualTo("Partial outage");
            WebElement dashboard = driver.findElement(By.cssSelector("#component-dashboard .state"));
            assertThat(dashboard.getText()).isEqualTo("Operational");
            assertThat(driver.findElements(By.cssSelector("#component-webhooks .uptime span"))).hasSize(90);
            WebElement today = driver.findElement(By.cssSelector("#component-webhooks .uptime span:last-child"));
            // A label and its bar speak one colour: the hue of "Partial outage" is the orange of its bar, not red.
            assertThat(hueDistance(css(webhooks.getCssValue("color")), css(today.getCssValue("background-color"))))
                    .as("label and bar of a partial outage").isLessThan(20);
            assertThat(hueDistance(css(driver.findElement(By.cssSelector("#component-authentication .state")).getCssValue("color")),
                    css(driver.findElement(By.cssSelector("#component-authentication .uptime span:last-child")).getCssValue("background-color"))))
                    .as("label and bar of a major outage").isLessThan(20);
            // What the browser drew, read back from a screenshot of the label: its ink is that orange too.
            assertThat(hueDistance(dominantInk(webhooks), css(today.getCssValue("background-color")))).isLessThan(20);

            // Incidents are drawn by impact, in colour and in words.
            WebElement critical = driver.findElement(By.cssSelector("article.incident.impact-critical"));
            WebElement major = driver.findElement(By.cssSelector("article.incident.impact-major"));
            assertThat(critical.getText()).contains("Critical impact");
            assertThat(major.getText()).contains("Major impact");
            assertThat(hueDistance(css(critical.getCssValue("border-left-color")), css(major.getCssValue("border-left-color"))))
                    .as("critical and major incidents look different").isGreaterThan(10);
            // An update's time stands on a line of its own, under its text.
            WebElement update = major.findElement(By.cssSelector(".updates li"));
            WebElement posted = update.findElement(By.cssSelector("time"));
            WebElement said = update.findElement(By.cssSelector("strong"));
            assertThat(posted.getRect().getY()).isGreaterThanOrEqualTo(said.getRect().getY() + said.getRect().getHeight());

            // The uptime strip says what its colours and its ends mean, and each day says what happened.
            assertThat(driver.findElement(By.cssSelector(".legend")).getText()).contains("Operational", "Degraded performance",
                    "Partial outage", "Major outage", "Under maintenance");
            assertThat(driver.findElement(By.cssSelector("#component-webhooks .uptime-scale")).getText())
                    .startsWith("90 days ago").endsWith("Today");
            assertThat(today.getAttribute("title")).matches("\\d{4}-\\d{2}-\\d{2}: \\d+\\.\\d{2}% up, partial outage");
            // A live outage is never rounded away: less than 100 % shows as less than 100 %.
            assertThat(driver.findElement(By.cssSelector("#component-webhooks .uptime-total")).getText()).startsWith("99.99%");
            assertThat(driver.findElement(By.cssSelector("#component-dashboard .uptime-total")).getText()).startsWith("100.00%");
            browser.screenshot(TestCluster.PROJECT.resolve("target/status-page.png"));

            Results axe = new AxeBuilder().analyze(driver);
            assertThat(axe.getViolations()).as("axe-core violations").filteredOn(v -> List.of("serious", "critical").contains(v.getImpact()))
                    .extracting(v -> v.getId() + ": " + v.getHelp()).isEmpty();

            // The incident's own page: its impact and the components it affects.
            driver.get(major.findElement(By.cssSelector("h3 a")).getAttribute("href"));
            assertThat(driver.findElement(By.cssSelector(".facts")).getText()).contains("Impact", "Failed checkouts", "Affected components",
                    "Webhooks");

            driver.get(site.url() + "/history");
            assertThat(driver.findElement(By.tagName("main")).getText()).contains("Webhook deliveries are delayed")
                    .doesNotContain("queue-3");
        }
    }

    /** An rgb(a) colour as the browser reports it, as {r, g, b}. */
    private static int[] css(String color) {
        String[] parts = color.replaceAll("[^0-9.,]", "").split(",");
        return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2])};
    }

    /** The mean colour of the pixels of an element's screenshot that are not near-white (its text). */
    private static int[] dominantInk(WebElement element) throws java.io.IOException {
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(
                element.getScreenshotAs(org.openqa.selenium.OutputType.BYTES)));
        long r = 0;
        long g = 0;
        long b = 0;
        long n = 0;
        for (int x = 0; x < image.getWidth(); x++) {
            for (int y = 0; y < image.getHeight(); y++) {
                int rgb = image.getRGB(x, y);
                int pr = (rgb >> 16) & 0xff;
                int pg = (rgb >> 8) & 0xff;
                int pb = rgb & 0xff;
                if (pr + pg + pb < 600) {
                    r += pr;
                    g += pg;
                    b += pb;
                    n++;
                }
            }
        }
        assertThat(n).as("ink in the screenshot of " + element.getText()).isPositive();
        return new int[] {(int) (r / n), (int) (g / n), (int) (b / n)};
    }

    /** How far apart two colours' hues are, in degrees (0-180). */
    private static double hueDistance(int[] a, int[] b) {
        double d = Math.abs(hue(a) - hue(b));
        return Math.min(d, 360 - d);
    }

    private static double hue(int[] rgb) {
        return java.awt.Color.RGBtoHSB(rgb[0], rgb[1], rgb[2], null)[0] * 360;
    }

    // ---

    private static void create(Incident incident) {
        admin.resource(incident).create();
    }

    private static Incident incident(String name, Severity severity, String service, Visibility visibility) {
        Incident incident = new Incident();
        incident.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        IncidentSpec spec = new IncidentSpec();
        spec.setTitle("internal title: payments DB failover");
        spec.setSeverity(severity);
        Impact impact = new Impact();
        impact.setAffectedServices(List.of(service));
        spec.setImpact(impact);
        IncidentPublication publication = new IncidentPublication();
        publication.setPage(PAGE);
        publication.setTitle("Checkout is failing");
        publication.setImpact("Failed checkouts");
        publication.setVisibility(visibility);
        spec.setPublication(publication);
        incident.setSpec(spec);
        return incident;
    }

    private static void note(String incident, String message, boolean isPublic) {
        admin.resources(Incident.class).inNamespace(namespace).withName(incident).patch(PatchContext.of(PatchType.JSON),
                "[{\"op\":\"add\",\"path\":\"/spec/updates/-\",\"value\":{\"message\":\"" + message + "\",\"author\":\"carol@example.com\","
                        + "\"public\":" + isPublic + "}}]");
    }

    private static JsonNode incident(JsonNode document, String incidentName) {
        for (JsonNode incident : document.get("incidents")) {
            if (incident.get("id").asText().startsWith("pub-") && incidentUid(incidentName).equals(incident.get("id").asText().substring(4))) {
                return incident;
            }
        }
        return null;
    }

    private static String incidentUid(String name) {
        Incident incident = admin.resources(Incident.class).inNamespace(namespace).withName(name).get();
        return incident == null ? "" : incident.getMetadata().getUid();
    }

    private static JsonNode component(JsonNode document, String id) {
        for (JsonNode component : document.get("components")) {
            if (id.equals(component.get("id").asText())) {
                return component;
            }
        }
        throw new AssertionError("no component " + id + " in " + document);
    }

    private static List<String> bodies(JsonNode incident) {
        List<String> bodies = new ArrayList<>();
        incident.get("incident_updates").forEach(u -> bodies.add(u.get("body").asText()));
        return bodies;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static JsonNode awaitJson(String path, Predicate<JsonNode> condition) {
        return awaitJson(path, null, condition);
    }

    private static JsonNode awaitJson(String path, String token, Predicate<JsonNode> condition) {
        return Awaitility.await(path).atMost(WAIT).pollInterval(Duration.ofMillis(250))
                .until(() -> JSON.readTree(get(path, token).body()), condition);
    }

    private static JsonNode json(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return get(path, null);
    }

    private static HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(site.url() + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
