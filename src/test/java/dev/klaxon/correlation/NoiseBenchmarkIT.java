package dev.klaxon.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.api.v1alpha1.AlertRule;
import dev.klaxon.api.v1alpha1.AlertRuleSpec;
import dev.klaxon.api.v1alpha1.Category;
import dev.klaxon.api.v1alpha1.Correlation;
import dev.klaxon.api.v1alpha1.EscalationPolicy;
import dev.klaxon.api.v1alpha1.IncidentTemplate;
import dev.klaxon.api.v1alpha1.ServiceDependency;
import dev.klaxon.api.v1alpha1.ServiceDependencySpec;
import dev.klaxon.testing.Channels;
import dev.klaxon.testing.OperatorTest;
import dev.klaxon.testing.OperatorTest.Operated;
import dev.klaxon.testing.Policies;
import dev.klaxon.testing.Rules;
import dev.klaxon.testing.TestAlertmanager;
import dev.klaxon.testing.TestExporter;
import dev.klaxon.testing.TestReceiver;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Benchmark, not a test of speed: one replayed outage, told to Klaxon (real Prometheus, real API
 * server, the packaged operator) and to the real Alertmanager side by side, and the number of
 * pages each sends. The payments database fails; six services that depend on it fire three rules
 * each, in waves; an unrelated service fires two rules three seconds apart; the database recovers
 * while one dependent still fails. Klaxon: a ServiceDependency and a correlating escalation
 * policy. Alertmanager: the equivalent inhibition rule (source service="payments-db", target the
 * six dependents) and grouping by service. Run with hack/bench-noise.sh; asserts only that the
 * outage was seen by both.
 */
@EnabledIfSystemProperty(named = "klaxon.benchmark", matches = "true")
@OperatorTest(namespace = "bench-noise")
class NoiseBenchmarkIT {

    private static final List<String> DEPENDENTS = List.of("payments-api", "checkout", "cart", "storefront", "orders", "invoices");
    private static final List<String> SIGNALS = List.of("errors", "latency", "saturation");
    private static final String METRIC = "klaxon_bench_noise";
    private static final String TOKEN = "bench-noise-token";

    @Operated
    private static KubernetesClient admin;
    @Operated
    private static String namespace;

    /** Alertmanager's configuration equivalent to the ServiceDependency and the policy's correlation. */
    private static final String ALERTMANAGER = """
            route:
              receiver: pager
              group_by: [service]
              group_wait: 1s
              group_interval: 5s
              repeat_interval: 1h
            inhibit_rules:
              - source_matchers: ['service="payments-db"']
                target_matchers: ['service=~"%s"']
            receivers:
              - name: pager
                webhook_configs:
                  - url: %s
                    send_resolved: true
                    http_config:
                      authorization:
                        credentials: %s
            """;

    @Test
    void aDatabaseOutageWithItsDependentsAndAnUnrelatedServiceFiringTwoRules() throws Exception {
        TestExporter exporter = TestExporter.get();
        try (TestReceiver klaxonPager = new TestReceiver(); TestReceiver alertmanagerPager = new TestReceiver();
                TestAlertmanager alertmanager = TestAlertmanager.withConfig("bench-noise",
                        ALERTMANAGER.formatted(String.join("|", DEPENDENTS), alertmanagerPager.url("/am"), TOKEN))) {
            Channels.webhook(admin, namespace, "pager", klaxonPager.url("/page"), 6000);
            EscalationPolicy policy = Policies.oneLevel(namespace, "on-call", List.of("carol@example.com"), List.of("pager"));
            Correlation correlation = new Correlation();
            correlation.setLabels(List.of("service"));
            correlation.setWindow("10m");
            policy.getSpec().setCorrelation(correlation);
            admin.resource(policy).create();
            ServiceDependency dependency = new ServiceDependency();
            dependency.setMetadata(new ObjectMetaBuilder().withName("payments").withNamespace(namespace).build());
            ServiceDependencySpec spec = new ServiceDependencySpec();
            spec.setServices(DEPENDENTS);
            spec.setDependsOn(List.of("payments-db"));
            dependency.setSpec(spec);
            admin.resource(dependency).create();

            // Every rule, quiet at first.
            List<String[]> rules = new ArrayList<>();
            rules.add(new String[] {"payments-db", "down"});
            for (String signal : SIGNALS) {
                DEPENDENTS.forEach(service -> rules.add(new String[] {service, signal}));
            }
            rules.add(new String[] {"search", "latency"});
            rules.add(new String[] {"search", "errors"});
            for (String[] rule : rules) {
                exporter.set(METRIC, 0, "service", rule[0], "signal", rule[1]);
                admin.resource(rule(rule[0], rule[1])).create();
            }
            Awaitility.await("every rule evaluated quiet once").atMost(Duration.ofMinutes(1)).until(() -> rules.stream()
                    .map(r -> admin.resources(AlertRule.class).inNamespace(namespace).withName(r[0] + "-" + r[1]).get())
                    .allMatch(r -> r.getStatus() != null && r.getStatus().getLastEvaluationTime() != null));

            Replay replay = new Replay(exporter, alertmanager);
            Instant started = Instant.now();
            replay.fire("payments-db", "down");
            Thread.sleep(3000);
            for (String signal : SIGNALS) {
                DEPENDENTS.forEach(service -> replay.fire(service, signal));
                Thread.sleep(3000);
            }
            replay.fire("search", "latency");
            Thread.sleep(3000);
            replay.fire("search", "errors");
            Thread.sleep(8000);
            // The database recovers; every dependent but checkout's error rate with it.
            replay.resolve("payments-db", "down");
            for (String signal : SIGNALS) {
                DEPENDENTS.stream().filter(s -> !(s.equals("checkout") && signal.equals("errors"))).forEach(s -> replay.resolve(s, signal));
            }
            Thread.sleep(15000);
            Duration took = Duration.between(started, Instant.now());

            List<TestReceiver.Request> klaxon = klaxonPager.accepted("/page");
            long klaxonPages = klaxon.stream().filter(r -> "alert".equals(r.header("X-klaxon-event"))).count();
            List<TestReceiver.Request> am = alertmanagerPager.accepted("/am");
            long amFiring = am.stream().filter(r -> r.body().contains("\"status\":\"firing\"")).count();
            System.out.printf(Locale.ROOT, "%n=== noise: one outage replayed to Klaxon and Alertmanager side by side (%d s) ===%n", took.toSeconds());
            System.out.printf(Locale.ROOT, "alerts that fired: %d over %d rules (1 database, %d dependents x %d signals, 2 of an unrelated service)%n",
                    replay.fired, rules.size(), DEPENDENTS.size(), SIGNALS.size());
            System.out.printf(Locale.ROOT, "Klaxon (ServiceDependency + policy correlation by service): %d pages, %d other notices%n",
                    klaxonPages, klaxon.size() - klaxonPages);
            System.out.printf(Locale.ROOT, "Alertmanager (inhibit_rules + group_by [service]): %d notifications with firing alerts, %d resolved-only%n",
                    amFiring, am.size() - amFiring);
            System.out.printf(Locale.ROOT, "one page per alert, without either: %d%n", replay.fired);
            assertThat(klaxonPages).as("the database paged").isPositive();
            assertThat(amFiring).as("Alertmanager notified").isPositive();
            for (String[] rule : rules) {
                exporter.set(METRIC, 0, "service", rule[0], "signal", rule[1]);
            }
        }
    }

    private static AlertRule rule(String service, String signal) {
        AlertRule rule = Rules.aboveOne(namespace, service + "-" + signal, METRIC + "{service=\"" + service + "\",signal=\"" + signal + "\"}",
                AlertRuleSpec.RuleSeverity.SEV2, Category.AVAILABILITY);
        rule.getSpec().getAutoResolve().setEnabled(true);
        rule.getSpec().getAutoResolve().setAfter("1s");
        IncidentTemplate template = new IncidentTemplate();
        template.setEscalationPolicyRef("on-call");
        rule.getSpec().setIncident(template);
        return rule;
    }

    /** The outage's moves, told to Prometheus (the exporter's series) and to Alertmanager (as Prometheus would post them). */
    private static final class Replay {
        private final TestExporter exporter;
        private final TestAlertmanager alertmanager;
        private final Map<String, Instant> firing = new java.util.HashMap<>();
        private int fired;

        Replay(TestExporter exporter, TestAlertmanager alertmanager) {
            this.exporter = exporter;
            this.alertmanager = alertmanager;
        }

        void fire(String service, String signal) {
            exporter.set(METRIC, 5, "service", service, "signal", signal);
            Instant now = Instant.now();
            firing.put(service + "/" + signal, now);
            fired++;
            alertmanager.post(alert(service, signal, now, null));
        }

        void resolve(String service, String signal) {
            exporter.set(METRIC, 0, "service", service, "signal", signal);
            Instant since = firing.remove(service + "/" + signal);
            if (since != null) {
                alertmanager.post(alert(service, signal, since, Instant.now()));
            }
        }

        private static String alert(String service, String signal, Instant startsAt, Instant endsAt) {
            return "[{\"labels\":{\"alertname\":\"" + service + "-" + signal + "\",\"service\":\"" + service + "\",\"severity\":\"SEV2\"},"
                    + "\"startsAt\":\"" + startsAt + "\"" + (endsAt == null ? "" : ",\"endsAt\":\"" + endsAt + "\"") + "}]";
        }
    }
}
