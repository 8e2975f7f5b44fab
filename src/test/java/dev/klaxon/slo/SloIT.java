package dev.klaxon.slo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.klaxon.api.v1alpha1.ComponentState;
import dev.klaxon.api.v1alpha1.Condition;
import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.IncidentPhase;
import dev.klaxon.api.v1alpha1.KlaxonApi;
import dev.klaxon.api.v1alpha1.PlaybookRun;
import dev.klaxon.api.v1alpha1.PostIncidentReview;
import dev.klaxon.api.v1alpha1.PlaybookRunStatus;
import dev.klaxon.api.v1alpha1.ServiceLevelObjective;
import dev.klaxon.api.v1alpha1.ServiceLevelObjectiveSpec;
import dev.klaxon.api.v1alpha1.ServiceLevelObjectiveStatus;
import dev.klaxon.api.v1alpha1.ServiceLevelObjectiveStatus.State;
import dev.klaxon.api.v1alpha1.Severity;
import dev.klaxon.api.v1alpha1.StatusComponent;
import dev.klaxon.api.v1alpha1.StatusPage;
import dev.klaxon.api.v1alpha1.StatusPageSpec;
import dev.klaxon.api.v1alpha1.StatusPageStatus;
import dev.klaxon.common.Timestamps;
import dev.klaxon.testing.Await;
import dev.klaxon.testing.BackfilledPrometheus;
import dev.klaxon.testing.Channels;
import dev.klaxon.testing.OperatorProcess;
import dev.klaxon.testing.Playbooks;
import dev.klaxon.testing.Policies;
import dev.klaxon.testing.RequestHistory;
import dev.klaxon.testing.StatusSiteProcess;
import dev.klaxon.testing.TestCluster;
import dev.klaxon.testing.TestReceiver;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Objectives against a real Prometheus holding 30 days of backfilled requests of five services
 * (99.9 % objectives, 10 requests a second): the SRE Workbook's alerts decide as the Workbook says
 * they should, a page goes out through the objective's escalation policy and starts its playbook,
 * and the budget is what a hand computation gives.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SloIT {

    private static final double RATE = 10;
    /** 0.02 % of requests fail normally: 0.2x, well under every alert. */
    private static final double BASELINE = 0.0002;
    /** How often the operator evaluates each objective in this test. */
    private static final Duration INTERVAL = Duration.ofSeconds(10);
    /** When the fast burn reaches the 1h window's 14.4x, counted from the generation of the history. */
    private static final Duration FAST_DETECTED_AFTER = Duration.ofMinutes(3);

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    /**
     * 2 % failing is 20x: the 1h window reaches 14.4x after (14.4 - 0.2) / (20 - 0.2) of an hour of it,
     * 43.03 minutes (the Workbook's detection time for this burn, with the baseline counted).
     */
    private static final Duration FAST_DETECTION = Duration.ofMillis(Math.round((14.4 - 0.2) / (20 - 0.2) * 3_600_000));
    private static final Instant FAST_SINCE = NOW.plus(FAST_DETECTED_AFTER).minus(FAST_DETECTION);

    private static BackfilledPrometheus prometheus;
    private static OperatorProcess operator;
    private static KubernetesClient admin;
    private static String namespace;
    private static TestReceiver pager;
    /** The fast burn's objective as first evaluated. */
    private static ServiceLevelObjectiveStatus fastFirstEvaluated;

    @BeforeAll
    static void thirtyDaysOfRequests() {
        List<RequestHistory> services = List.of(
                new RequestHistory("fast", RATE, BASELINE).failing(FAST_SINCE, NOW.plus(Duration.ofHours(1)), 0.02),
                // 0.4 % failing is 4x: over the ticket's 3x for the 1d and 2h windows, under every page.
                new RequestHistory("slow", RATE, BASELINE).failing(NOW.minus(Duration.ofHours(26)), NOW.plus(Duration.ofHours(1)), 0.004),
                // Everything failing for 90 s, 20 minutes ago: 25x over 1h, but 0.2x over the last 5 minutes.
                new RequestHistory("blip", RATE, BASELINE).failing(NOW.minus(Duration.ofMinutes(20)).minusSeconds(90), NOW.minus(Duration.ofMinutes(20)), 1),
                // 2 % failing (20x) for the last 50 minutes and one more: the 1h and 5m windows page at once, the 5m one ends it soon.
                new RequestHistory("ending", RATE, BASELINE).failing(NOW.minus(Duration.ofMinutes(50)), NOW.plus(Duration.ofMinutes(1)), 0.02),
                // 0.05 % all month, and 2 % for three hours ten days ago.
                new RequestHistory("steady", RATE, 0.0005).failing(NOW.minus(Duration.ofDays(10)), NOW.minus(Duration.ofDays(10)).plus(Duration.ofHours(3)), 0.02));
        prometheus = BackfilledPrometheus.start("slo-prometheus", RequestHistory.openMetrics(services,
                NOW.minus(Duration.ofDays(31)), NOW, Duration.ofHours(8), NOW.plus(Duration.ofMinutes(30))));
        admin = TestCluster.get().admin();
        namespace = TestCluster.get().createNamespace("slo");
        operator = new OperatorProcess(namespace, "-Dklaxon.prometheus.url=" + prometheus.url(), "-Dklaxon.slo.interval=" + INTERVAL.toSeconds() + "s")
                .start();
        // The fast burn's objective pages the on-call through a webhook channel and starts a playbook.
        pager = new TestReceiver();
        Channels.webhook(admin, namespace, "pager", pager.url("/page"), 600);
        admin.resource(Policies.oneLevel(namespace, "on-call", List.of("carol@example.com"), List.of("pager"))).create();
        admin.resource(Playbooks.playbook(namespace, "shed-load", Playbooks.step("shed", "echo shedding load"))).create();
        for (String job : new String[] {"fast", "slow", "blip", "steady", "ending"}) {
            create(job);
        }
        fastFirstEvaluated = awaitEvaluated("fast");
    }

    @AfterAll
    static void stop() {
        if (operator != null) {
            operator.close();
        }
        if (prometheus != null) {
            prometheus.close();
        }
        if (pager != null) {
            pager.close();
        }
    }

    @Test
    @Order(1)
    void aFastBurnPagesOnceTheOneHourWindowReachesItsFactorAndNotBefore() {
        Incident page = awaitIncident("fast", Duration.ofMinutes(6));

        ServiceLevelObjective fast = admin.resources(ServiceLevelObjective.class).inNamespace(namespace).withName("fast").get();
        Instant paged = Timestamps.parse(page.getMetadata().getCreationTimestamp());
        System.out.printf("fast burn (20x): paged %ss after it started; the Workbook's detection time is %ss%n",
                Duration.between(FAST_SINCE, paged).toSeconds(), FAST_DETECTION.toSeconds());
        // Evaluated, and not paging, before the burn could page: the test proves nothing if the operator started too late.
        assertThat(Timestamps.parse(fastFirstEvaluated.getEvaluatedAt())).as("the first evaluation comes before the detection time")
                .isBefore(FAST_SINCE.plus(FAST_DETECTION));
        assertThat(fastFirstEvaluated.getState()).isEqualTo(State.Ok);
        assertThat(Duration.between(FAST_SINCE, paged)).as("from the start of the burn to the page")
                .isGreaterThan(FAST_DETECTION.minusSeconds(20))
                .isLessThan(FAST_DETECTION.plus(INTERVAL).plusSeconds(30));
        assertThat(page.getSpec().getSeverity()).isEqualTo(Severity.SEV2);
        // For the review: the window, and the budget left when it opened (a few minutes after the first evaluation: about the same).
        assertThat(page.getMetadata().getAnnotations()).containsEntry(KlaxonApi.ANNOTATION_SLO_WINDOW, "30d");
        assertThat(Double.parseDouble(page.getMetadata().getAnnotations().get(KlaxonApi.ANNOTATION_SLO_BUDGET_AT_OPEN)))
                .isCloseTo(fastFirstEvaluated.getBudgetRemaining(), within(0.2));
        assertThat(page.getMetadata().getLabels()).containsEntry(KlaxonApi.LABEL_SLO, "fast").containsEntry(KlaxonApi.LABEL_SEVERITY, "SEV2");
        assertThat(page.getSpec().getTitle()).isEqualTo("fast: error budget burning fast (objective fast, 99.9% over 30d)");
        assertThat(page.getSpec().getDescription()).startsWith("page: the error budget burns 14.").contains("x over 1h and 20")
                .contains("% of the 30d budget is spent; at this rate the rest is gone in ");
        assertThat(fast.getStatus().getState()).isEqualTo(State.Page);
        assertThat(fast.getStatus().getIncident()).isEqualTo(page.getMetadata().getName());
    }

    @Test
    @Order(2)
    void aPagePagesThroughTheObjectivesPolicyAndStartsItsPlaybook() {
        Incident page = awaitIncident("fast", Duration.ofMinutes(6));

        assertThat(page.getSpec().getEscalationPolicyRef()).isEqualTo("on-call");
        // Each page's delivery id names its incident's uid and its policy.
        Awaitility.await("the on-call paged").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
                .until(() -> pager.accepted("/page").stream().anyMatch(r -> r.header("X-klaxon-delivery").contains("-escalation-on-call-")
                        && r.header("X-klaxon-delivery").contains(page.getMetadata().getUid())));
        PlaybookRun run = Awaitility.await("the playbook's run").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
                .until(() -> admin.resources(PlaybookRun.class).inNamespace(namespace).list().getItems().stream()
                        .filter(r -> page.getMetadata().getName().equals(r.getSpec().getIncidentRef())).findFirst(), java.util.Optional::isPresent)
                .orElseThrow();
        assertThat(run.getSpec().getPlaybookRef()).isEqualTo("shed-load");
        Playbooks.awaitRun(admin, namespace, run.getMetadata().getName(), r -> r.getStatus().getPhase() == PlaybookRunStatus.Phase.Succeeded);
    }

    @Test
    @Order(3)
    void aSlowBurnOpensATicketSeverityIncident() {
        Incident ticket = awaitIncident("slow", Duration.ofMinutes(2));

        assertThat(ticket.getSpec().getSeverity()).isEqualTo(Severity.SEV4);
        assertThat(ticket.getSpec().getDescription()).startsWith("ticket: the error budget burns 4x over 1d and 4x over 2h (at least 3x)");
        ServiceLevelObjectiveStatus status = admin.resources(ServiceLevelObjective.class).inNamespace(namespace).withName("slow").get().getStatus();
        assertThat(status.getState()).isEqualTo(State.Ticket);
        assertThat(burnRate(status, "1h")).isCloseTo(4, within(0.1));
    }

    @Test
    @Order(4)
    void aBlipThatIsOverPagesNobody() {
        ServiceLevelObjectiveStatus status = awaitEvaluated("blip");

        assertThat(status.getState()).isEqualTo(State.Ok);
        // The hour burned at 25x, over the page's 14.4x; the last five minutes did not.
        assertThat(burnRate(status, "1h")).isCloseTo((1000 * 1.5 + 0.2 * 58.5) / 60, within(1.0));
        assertThat(burnRate(status, "5m")).isCloseTo(0.2, within(0.05));
        assertThat(incidentsOf("blip")).isEmpty();
    }

    @Test
    @Order(5)
    void theBudgetIsWhatAHandComputationGives() {
        ServiceLevelObjectiveStatus status = awaitEvaluated("steady");

        // Over 30 days: 0.05 % failed, and 2 % instead for 3 of the 720 hours.
        double badShare = 0.0005 + (0.02 - 0.0005) * 3 / 720;
        assertThat(status.getSli()).isCloseTo(100 * (1 - badShare), within(0.001));
        assertThat(status.getBudgetRemaining()).isCloseTo(100 * (1 - badShare / 0.001), within(0.2));
        // At the hour's 0.5x, the 41.9 % left lasts 0.419 / 0.5 of 30 days.
        Instant evaluated = Timestamps.parse(status.getEvaluatedAt());
        Duration lasts = Duration.ofSeconds(Math.round((1 - badShare / 0.001) / 0.5 * Duration.ofDays(30).toSeconds()));
        assertThat(Duration.between(evaluated.plus(lasts), Timestamps.parse(status.getBudgetExhaustedAt())).abs())
                .isLessThan(Duration.ofHours(2));
        assertThat(status.getState()).isEqualTo(State.Ok);
        assertThat(operator.metric("klaxon_slo_error_budget_remaining_ratio{namespace=\"" + namespace + "\",slo=\"steady\"}"))
                .isCloseTo(1 - badShare / 0.001, within(0.002));
    }

    @Test
    @Order(6)
    void theStatusPageShowsAComponentNamingTheObjectiveByItsSliDayByDay() throws Exception {
        // Complete UTC days only: through yesterday (as the operator sees it once the day's samples settled).
        LocalDate yesterday = LocalDate.ofInstant(Instant.now().minus(SloEvaluator.SETTLE), ZoneOffset.UTC).minusDays(1);
        ServiceLevelObjectiveStatus steady = Awaitility.await("the days of steady").atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> admin.resources(ServiceLevelObjective.class).inNamespace(namespace).withName("steady").get().getStatus(),
                        s -> s.getDailySliThrough() != null && !LocalDate.parse(s.getDailySliThrough()).isBefore(yesterday));
        LocalDate through = LocalDate.parse(steady.getDailySliThrough());
        List<Double> days = steady.getDailySli();
        // 31 days of history: the days before it had no events and are left out (its first day too if it had under two samples).
        assertThat(days).hasSizeBetween(30, 32);
        Instant burnFrom = NOW.minus(Duration.ofDays(10));
        Instant burnTo = burnFrom.plus(Duration.ofHours(3));
        for (int back = 0; back < 30; back++) {
            // By hand: 0.05 % of each day's requests failed, 2 % while the three hours of the burn overlap it.
            Instant start = through.minusDays(back).atStartOfDay(ZoneOffset.UTC).toInstant();
            Instant end = start.plus(Duration.ofDays(1));
            double burning = Math.max(0, Duration.between(max(start, burnFrom), min(end, burnTo)).toSeconds()) / 86_400.0;
            double bad = 0.0005 * (1 - burning) + 0.02 * burning;
            // Within 5 minutes of the burn, as the samples (every 5 minutes) fall on either side of midnight: 0.007 points.
            assertThat(days.get(back)).as(through.minusDays(back).toString()).isCloseTo(100 * (1 - bad), within(0.008));
        }

        admin.resource(new io.fabric8.kubernetes.api.model.SecretBuilder().withNewMetadata().withName("status-token").withNamespace(namespace)
                .endMetadata().addToStringData("token", "a-token-of-this-page-alone").build()).create();
        StatusPage page = new StatusPage();
        page.setMetadata(new ObjectMetaBuilder().withName("status").withNamespace(namespace).build());
        StatusPageSpec spec = new StatusPageSpec();
        spec.setTitle("Shop status");
        spec.setComponents(List.of(component("api", "steady"), component("web", null)));
        page.setSpec(spec);
        admin.resource(page).create();
        Await.ready(admin, StatusPage.class, namespace, "status", Condition.Status.True);
        // The objective's days as they are now (a day may have ended meanwhile).
        Awaitility.await("the page's days").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            StatusPageStatus pageStatus = admin.resources(StatusPage.class).inNamespace(namespace).withName("status").get().getStatus();
            ServiceLevelObjectiveStatus now = admin.resources(ServiceLevelObjective.class).inNamespace(namespace).withName("steady").get().getStatus();
            assertThat(pageStatus.getComponents().get(0).getDailySli()).isNotNull().isEqualTo(now.getDailySli());
            assertThat(pageStatus.getComponents().get(0).getDailySliThrough()).isEqualTo(now.getDailySliThrough());
            assertThat(pageStatus.getComponents().get(0).getObjective()).isEqualTo(99.9);
            assertThat(pageStatus.getComponents().get(1).getDailySli()).isNull();
        });

        // The day with most of the burn (at least half of its three hours, 0.17 % failing).
        LocalDate burnDay = LocalDate.ofInstant(burnFrom.plus(Duration.ofMinutes(90)), ZoneOffset.UTC);
        try (StatusSiteProcess site = new StatusSiteProcess(namespace, "status", "status-token").start()) {
            Awaitility.await("the served page").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                ComponentState shown = admin.resources(StatusPage.class).inNamespace(namespace).withName("status").get().getStatus()
                        .getComponents().get(0);
                LocalDate last = LocalDate.parse(shown.getDailySliThrough());
                String html = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(site.url() + "/")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                String api = html.substring(html.indexOf("id=\"component-api\""), html.indexOf("id=\"component-web\""));
                int back = (int) java.time.temporal.ChronoUnit.DAYS.between(burnDay, last);
                // The burn's day missed 99.9 % by less than ten budgets: degraded; the quiet days met it.
                assertThat(api).contains("<span class=\"s-degraded\" title=\"" + burnDay + ": " + floorPercent(shown.getDailySli().get(back))
                                + "% good\">")
                        .contains("<span class=\"s-operational\" title=\"" + last + ": " + floorPercent(shown.getDailySli().get(0)) + "% good\">")
                        .contains("good over the last " + shown.getDailySli().size() + " days (objective 99.9%)");
                assertThat(html.substring(html.indexOf("id=\"component-web\""))).contains("uptime over the last 90 days");
            });
        }
    }

    @Test
    @Order(7)
    void aBurnThatEndedResolvesItsIncidentAndItsReviewSaysWhatItCost() {
        Incident page = awaitIncident("ending", Duration.ofMinutes(1));
        Incident resolved = Awaitility.await("the burn's incident resolved").atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(500))
                .until(() -> admin.resources(Incident.class).inNamespace(namespace).withName(page.getMetadata().getName()).get(),
                        i -> i.getSpec().getPhase() == IncidentPhase.Resolved);

        double open = Double.parseDouble(resolved.getMetadata().getAnnotations().get(KlaxonApi.ANNOTATION_SLO_BUDGET_AT_OPEN));
        double left = Double.parseDouble(resolved.getMetadata().getAnnotations().get(KlaxonApi.ANNOTATION_SLO_BUDGET_AT_RESOLVE));
        assertThat(left).as("budget left when it resolved").isLessThanOrEqualTo(open);
        // A SEV2 opens its review; the operator's own incident is trusted with its budget notes.
        PostIncidentReview review = Awaitility.await("its review prefilled").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
                .until(() -> admin.resources(PostIncidentReview.class).inNamespace(namespace).withName("pir-" + page.getMetadata().getName()).get(),
                        r -> r != null && r.getStatus() != null && r.getStatus().getImpactSummary() != null);
        assertThat(review.getStatus().getImpactSummary()).endsWith(String.format(java.util.Locale.ROOT,
                "This incident consumed %.1f %% of the 30d error budget of ending (%.1f %% left when it opened, %.1f %% when it resolved).",
                open - left, open, left));
    }

    /** Last: it restarts the operator. */
    @Test
    @Order(8)
    void aBurnThatGoesOnAcrossARestartIsNotANewOneAndWhatAPersonResolvedStaysResolved() {
        Incident ticket = awaitIncident("slow", Duration.ofMinutes(2));
        admin.resources(Incident.class).inNamespace(namespace).withName(ticket.getMetadata().getName()).edit(i -> {
            i.getSpec().setPhase(IncidentPhase.Resolved);
            return i;
        });

        ServiceLevelObjectiveStatus steadyBefore = Awaitility.await("steady's days").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
                .until(() -> admin.resources(ServiceLevelObjective.class).inNamespace(namespace).withName("steady").get().getStatus(),
                        s -> s.getDailySli() != null);

        operator.restart();
        // The days come from the status: the first evaluations (hours read back, days not yet) keep them on show.
        Awaitility.await("steady's days kept").during(INTERVAL.multipliedBy(2)).atMost(INTERVAL.multipliedBy(3))
                .pollInterval(Duration.ofMillis(200)).until(() -> admin.resources(ServiceLevelObjective.class).inNamespace(namespace)
                        .withName("steady").get().getStatus().getDailySli(), steadyBefore.getDailySli()::equals);
        Awaitility.await("evaluated after the restart").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                .until(() -> operator.metric("klaxon_slo_evaluations_total{result=\"success\"}") >= 8);

        assertThat(admin.resources(ServiceLevelObjective.class).inNamespace(namespace).withName("slow").get().getStatus().getState())
                .isEqualTo(State.Ticket);
        assertThat(incidentsOf("slow")).extracting(i -> i.getMetadata().getName()).containsExactly(ticket.getMetadata().getName());
    }

    private static void create(String job) {
        ServiceLevelObjectiveSpec spec = new ServiceLevelObjectiveSpec();
        spec.setService(job);
        spec.setObjective(99.9);
        ServiceLevelObjectiveSpec.Sli sli = new ServiceLevelObjectiveSpec.Sli();
        ServiceLevelObjectiveSpec.Ratio ratio = new ServiceLevelObjectiveSpec.Ratio();
        ratio.setBad("http_requests_total{job=\"" + job + "\",code=\"500\"}");
        ratio.setTotal("http_requests_total{job=\"" + job + "\"}");
        sli.setRatio(ratio);
        spec.setSli(sli);
        if (job.equals("fast")) {
            spec.setEscalationPolicyRef("on-call");
            spec.setPlaybookRef("shed-load");
        }
        ServiceLevelObjective slo = new ServiceLevelObjective();
        slo.setMetadata(new ObjectMetaBuilder().withName(job).withNamespace(namespace).build());
        slo.setSpec(spec);
        admin.resource(slo).create();
    }

    private static StatusComponent component(String id, String sloRef) {
        StatusComponent component = new StatusComponent();
        component.setId(id);
        component.setName(id.toUpperCase(java.util.Locale.ROOT));
        component.setSloRef(sloRef);
        return component;
    }

    /** A percentage as the status site writes it: rounded down to hundredths. */
    private static String floorPercent(double percent) {
        return String.format(java.util.Locale.ROOT, "%.2f", Math.floor(percent * 100 + 1e-6) / 100);
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static ServiceLevelObjectiveStatus awaitEvaluated(String name) {
        return Awaitility.await(name + " evaluated").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                .until(() -> admin.resources(ServiceLevelObjective.class).inNamespace(namespace).withName(name).get().getStatus(),
                        s -> s != null && s.getEvaluatedAt() != null);
    }

    private static Incident awaitIncident(String slo, Duration within) {
        return Awaitility.await("the incident of " + slo).atMost(within).pollInterval(Duration.ofMillis(500))
                .until(() -> incidentsOf(slo), list -> !list.isEmpty()).get(0);
    }

    private static List<Incident> incidentsOf(String slo) {
        return admin.resources(Incident.class).inNamespace(namespace).withLabel(KlaxonApi.LABEL_SLO, slo).list().getItems();
    }

    private static double burnRate(ServiceLevelObjectiveStatus status, String window) {
        return status.getBurnRates().stream().filter(b -> b.getWindow().equals(window)).findFirst().orElseThrow().getBurnRate();
    }
}
