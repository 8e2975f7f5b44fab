package dev.klaxon.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.klaxon.api.v1alpha1.PlaybookRun;
import dev.klaxon.api.v1alpha1.PlaybookRunSpec;
import dev.klaxon.testing.TestCluster;
import dev.klaxon.testing.Tools;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The chart renders, lints, and asks for no more than the operator needs. */
class ChartIT {

    @Test
    void helmLintPasses() {
        String output = helm("lint", "helm/klaxon", "--strict");

        assertThat(output).contains("1 chart(s) linted, 0 chart(s) failed");
    }

    @Test
    void watchingAllNamespacesUsesOneClusterRole() {
        List<HasMetadata> objects = render();

        assertThat(watchRbac(objects)).extracting(HasMetadata::getKind)
                .contains("ClusterRole", "ClusterRoleBinding", "ServiceAccount", "Deployment", "Service")
                .doesNotContain("Role", "RoleBinding", "ServiceMonitor");
    }

    @Test
    void watchingListedNamespacesUsesRolesThereAndNoClusterRole() {
        List<HasMetadata> objects = render("--set", "watchNamespaces={payments,checkout}");

        // Cluster-wide, only what is cluster-scoped by nature: asking whether an approver may create Jobs, and reading the
        // cluster-wide dependencies (and writing their status).
        assertThat(objects).filteredOn(o -> o instanceof ClusterRole).flatExtracting(role -> ((ClusterRole) role).getRules())
                .extracting(rule -> rule.getResources() + " " + rule.getVerbs())
                .containsExactlyInAnyOrder("[subjectaccessreviews] [create]", "[clusterservicedependencies] [get, list, watch]",
                        "[clusterservicedependencies/status] [get, patch, update]");
        assertThat(watchRbac(objects)).filteredOn(o -> o.getKind().equals("Role")).extracting(o -> o.getMetadata().getNamespace())
                .containsExactlyInAnyOrder("payments", "checkout");
        Deployment deployment = only(objects, Deployment.class);
        assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
                .anySatisfy(env -> {
                    assertThat(env.getName()).isEqualTo("KLAXON_WATCH_NAMESPACES");
                    assertThat(env.getValue()).isEqualTo("payments,checkout");
                });
    }

    @Test
    void leaderElectionMayOnlyTouchLeasesAndTheirEventsInTheReleaseNamespace() {
        List<Role> roles = render().stream().filter(o -> o instanceof Role).map(o -> (Role) o)
                .filter(r -> r.getMetadata().getName().endsWith("-leader-election")).toList();

        assertThat(roles).singleElement().satisfies(role -> {
            assertThat(role.getMetadata().getNamespace()).isEqualTo("klaxon-system");
            assertThat(role.getRules()).extracting(PolicyRule::getResources)
                    .containsExactly(List.of("leases"), List.of("leases"), List.of("events"));
            assertThat(role.getRules()).extracting(PolicyRule::getVerbs).as("the leader's Lease; the heartbeats' Leases; the Lease's Events")
                    .containsExactly(List.of("get", "create", "update", "patch"), List.of("list", "watch", "delete"), List.of("create", "get", "patch"));
        });
    }

    @Test
    void channelSecretsMayOnlyBeReadOneByOneInTheReleaseNamespace() {
        List<Role> roles = render().stream().filter(o -> o instanceof Role).map(o -> (Role) o)
                .filter(r -> r.getRules().stream().anyMatch(rule -> rule.getResources().contains("secrets"))).toList();

        assertThat(roles).singleElement().satisfies(role -> {
            assertThat(role.getMetadata().getNamespace()).isEqualTo("klaxon-system");
            assertThat(role.getRules()).allSatisfy(rule -> assertThat(rule.getResources()).containsExactly("secrets"));
            assertThat(role.getRules()).extracting(PolicyRule::getVerbs)
                    .as("read one by one (never list); create only the operator key, in this namespace")
                    .containsExactly(List.of("get"), List.of("create"));
        });
    }

    @Test
    void rbacGrantsNoWildcardsNoSecretsAndNoDeletes() {
        List<PolicyRule> rules = new ArrayList<>();
        render("--set", "watchNamespaces={a}").stream().filter(o -> o instanceof Role).map(o -> (Role) o)
                .filter(r -> !r.getMetadata().getName().endsWith("-channel-secrets"))
                .forEach(r -> rules.addAll(r.getRules()));

        assertThat(rules).isNotEmpty().allSatisfy(rule -> {
            assertThat(rule.getVerbs()).doesNotContain("*", "deletecollection", "escalate", "bind", "impersonate");
            if (rule.getVerbs().contains("delete")) {
                assertThat(rule.getResources()).as("it deletes only the step Jobs it made (cancel), Leases of its own namespace "
                        + "(the check-ins of deleted Heartbeats) and status page subscribers who left (or never confirmed)")
                        .containsAnyOf("jobs", "leases", "statuspagesubscribers").hasSize(1);
            }
            assertThat(rule.getResources()).doesNotContain("*", "secrets");
            assertThat(rule.getApiGroups()).doesNotContain("*");
        });
    }

    @Test
    void retentionMayDeleteFinalObjectsOnlyWithAnArchiveOrPlainExpiry() {
        List<String> kinds = List.of("incidents", "playbookruns", "postincidentreviews", "maintenancewindows");
        assertThat(deletable(render("--set", "watchNamespaces={a}"))).as("no archive").doesNotContainAnyElementsOf(kinds);
        assertThat(deletable(render("--set", "watchNamespaces={a}", "--set", "archive.enabled=true",
                "--set", "archive.url=jdbc:postgresql://db:5432/klaxon"))).containsAll(kinds);
        assertThat(deletable(render("--set", "watchNamespaces={a}", "--set", "archive.expireWithoutArchive=true"))).containsAll(kinds);
        Deployment deployment = only(render("--set", "archive.enabled=true", "--set", "archive.url=jdbc:postgresql://db:5432/klaxon"),
                Deployment.class);
        assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
                .anySatisfy(env -> assertThat(env.getName()).isEqualTo("QUARKUS_DATASOURCE_PASSWORD"))
                .allSatisfy(env -> assertThat(env.getName().equals("QUARKUS_DATASOURCE_PASSWORD") ? env.getValueFrom() : "not a secret")
                        .as("the password comes from a Secret").isNotNull());
    }

    private static List<String> deletable(List<HasMetadata> objects) {
        return objects.stream().filter(o -> o instanceof Role).flatMap(o -> ((Role) o).getRules().stream())
                .filter(rule -> rule.getVerbs().contains("delete")).flatMap(rule -> rule.getResources().stream()).toList();
    }

    @Test
    void theOperatorPodIsRestricted() {
        Deployment deployment = only(render(), Deployment.class);
        var pod = deployment.getSpec().getTemplate().getSpec();
        SecurityContext container = pod.getContainers().get(0).getSecurityContext();

        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(container.getAllowPrivilegeEscalation()).isFalse();
        assertThat(container.getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(pod.getContainers().get(0).getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
        assertThat(pod.getContainers().get(0).getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
        assertThat(pod.getContainers().get(0).getResources().getRequests()).containsKeys("cpu", "memory");
        // Else a Service of the release (klaxon-alertmanager) sets KLAXON_ALERTMANAGER_PORT=tcp://…, a setting's name.
        assertThat(pod.getEnableServiceLinks()).isFalse();
    }

    @Test
    void theServiceMonitorIsOptional() {
        assertThat(render("--set", "metrics.serviceMonitor.enabled=true")).extracting(HasMetadata::getKind).contains("ServiceMonitor");
    }

    @Test
    void theEgressNetworkPolicyIsOptionalAndKeepsReceiversOutOfTheExcludedNetworks() {
        assertThat(render()).extracting(HasMetadata::getKind).doesNotContain("NetworkPolicy");

        NetworkPolicy policy = only(render("--set", "networkPolicy.enabled=true", "--set", "networkPolicy.apiServer.cidrs={10.96.0.1/32}"),
                NetworkPolicy.class);

        assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Egress");
        assertThat(policy.getSpec().getEgress()).hasSize(4);
        var receivers = policy.getSpec().getEgress().get(3);
        assertThat(receivers.getTo().get(0).getIpBlock().getExcept()).contains("169.254.0.0/16", "127.0.0.0/8");
        assertThat(receivers.getPorts()).extracting(p -> p.getPort().getIntVal()).containsExactly(443, 587);
        assertThat(policy.getSpec().getEgress().get(1).getTo().get(0).getIpBlock().getCidr()).isEqualTo("10.96.0.1/32");
        // The API server accepts it as it is (a dry run validates it in full).
        policy.getMetadata().setNamespace("default");
        TestCluster.get().admin().resource(policy).dryRun().create();
    }

    @Test
    void theIngressNetworkPolicyIsOptionalAndOpensMetricsAndTheReceiverOnlyToWhomItNames() {
        assertThat(render("--set", "networkPolicy.enabled=true", "--set", "networkPolicy.apiServer.cidrs={10.96.0.1/32}"))
                .filteredOn(o -> o.getMetadata().getName().endsWith("-ingress")).isEmpty();

        NetworkPolicy policy = render("--set", "networkPolicy.ingress.enabled=true").stream().filter(NetworkPolicy.class::isInstance)
                .map(NetworkPolicy.class::cast).filter(p -> p.getMetadata().getName().endsWith("-ingress")).findFirst().orElseThrow();

        assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress");
        assertThat(policy.getSpec().getIngress()).hasSize(3);
        assertThat(policy.getSpec().getIngress()).extracting(rule -> rule.getPorts().get(0).getPort().getStrVal())
                .containsExactly("http", "alertmanager", "heartbeats");
        assertThat(policy.getSpec().getIngress().subList(0, 2)).allSatisfy(rule -> assertThat(rule.getFrom().get(0).getNamespaceSelector()
                .getMatchLabels()).containsEntry("kubernetes.io/metadata.name", "monitoring"));
        // Check-ins come from cron jobs and CI in any namespace by default; each carries its heartbeat's token.
        assertThat(policy.getSpec().getIngress().get(2).getFrom().get(0).getNamespaceSelector().getMatchLabels()).isNullOrEmpty();
        policy.getMetadata().setNamespace("default");
        TestCluster.get().admin().resource(policy).dryRun().create();
    }

    @Test
    void theTenantQuotaIsOptionalAndBoundsHowManyObjectsATenantMakes() {
        assertThat(render()).extracting(HasMetadata::getKind).doesNotContain("ResourceQuota");
        KubernetesClient admin = TestCluster.get().admin();
        String tenant = TestCluster.get().createNamespace("quota");

        ResourceQuota quota = only(render("--set", "tenantQuota.namespaces={" + tenant + "}"), ResourceQuota.class);
        assertThat(quota.getMetadata().getNamespace()).isEqualTo(tenant);
        assertThat(quota.getSpec().getHard()).containsKeys("count/incidents.klaxon.dev", "count/playbookruns.klaxon.dev");
        quota.getSpec().getHard().put("count/playbookruns.klaxon.dev", new Quantity("2"));
        admin.resource(quota).create();
        // The quota controller counts a custom resource once its discovery (every 30 s) has seen it, and looks at a
        // quota again when it is created or its limits change: on a cluster that just got the CRDs, create it again.
        Awaitility.await("the quota counts").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(3)).until(() -> {
            ResourceQuota current = admin.resource(quota).get();
            boolean lookedWithoutCounting = current.getStatus() != null && current.getStatus().getHard() != null
                    && (current.getStatus().getUsed() == null || current.getStatus().getUsed().isEmpty());
            if (lookedWithoutCounting) {
                admin.resource(quota).withTimeout(10, TimeUnit.SECONDS).delete();
                quota.getMetadata().setResourceVersion(null);
                return admin.resource(quota).create().getStatus();
            }
            return current.getStatus();
        }, status -> status != null && status.getUsed() != null && status.getUsed().containsKey("count/playbookruns.klaxon.dev"));

        for (int i = 0; i < 2; i++) {
            admin.resource(run(tenant, "run-" + i)).create();
        }
        assertThatThrownBy(() -> admin.resource(run(tenant, "run-2")).create()).isInstanceOfSatisfying(KubernetesClientException.class,
                e -> assertThat(e.getStatus().getMessage()).contains("exceeded quota"));
    }

    private static PlaybookRun run(String namespace, String name) {
        PlaybookRun run = new PlaybookRun();
        run.getMetadata().setNamespace(namespace);
        run.getMetadata().setName(name);
        run.setSpec(new PlaybookRunSpec());
        run.getSpec().setPlaybookRef("some-playbook");
        return run;
    }

    @Test
    void theStatusSiteIsOptionalRestrictedReadOnlyAndExposesOnlyThePage() {
        assertThat(render()).noneMatch(o -> o.getMetadata().getName().contains("status-site"));

        List<HasMetadata> site = render("--set", "statusSite.enabled=true", "--set", "statusSite.page=acme-status",
                "--set", "statusSite.namespace=shop", "--set", "statusSite.tokenSecret=acme-token", "--set", "statusSite.ingress.enabled=true")
                .stream().filter(o -> o.getMetadata().getName().equals("klaxon-status-site")).toList();
        assertThat(site).extracting(HasMetadata::getKind)
                .containsExactlyInAnyOrder("ServiceAccount", "Role", "RoleBinding", "Deployment", "Service", "Ingress");
        assertThat(site).allSatisfy(o -> assertThat(o.getMetadata().getNamespace()).isEqualTo("shop"));
        Role role = only(site, Role.class);
        assertThat(role.getRules()).filteredOn(rule -> !rule.getResources().contains("statuspagesubscribers")).allSatisfy(rule -> {
            assertThat(rule.getVerbs()).containsExactlyInAnyOrder("get", "list", "watch");
            assertThat(rule.getResourceNames()).hasSize(1);
        });
        // It makes subscribers and relays followed links onto them, and never reads one (their addresses).
        assertThat(role.getRules()).filteredOn(rule -> rule.getResources().contains("statuspagesubscribers")).singleElement()
                .satisfies(rule -> assertThat(rule.getVerbs()).containsExactlyInAnyOrder("create", "patch"));
        assertThat(role.getRules()).flatExtracting(r -> r.getResources())
                .containsExactlyInAnyOrder("statuspages", "secrets", "statuspagesubscribers");
        Deployment deployment = only(site, Deployment.class);
        var pod = deployment.getSpec().getTemplate().getSpec();
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
        assertThat(pod.getServiceAccountName()).isEqualTo("klaxon-status-site");
        assertThat(pod.getContainers().get(0).getCommand()).contains("dev.klaxon.statuspage.site.StatusSiteMain");
        assertThat(pod.getContainers().get(0).getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(pod.getContainers().get(0).getReadinessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("management");
        // Else release "klaxon"'s Service klaxon-status-site sets KLAXON_STATUS_SITE_PORT=tcp://… and the site cannot start.
        assertThat(pod.getEnableServiceLinks()).isFalse();
        // Not selected by the operator's Deployment, nor the other way round.
        assertThat(deployment.getSpec().getSelector().getMatchLabels()).containsEntry("app.kubernetes.io/name", "klaxon-status-site");
        io.fabric8.kubernetes.api.model.Service service = only(site, io.fabric8.kubernetes.api.model.Service.class);
        assertThat(service.getSpec().getPorts()).singleElement().satisfies(port -> assertThat(port.getTargetPort().getStrVal()).isEqualTo("http"));
        // The API server accepts them as they are.
        site.forEach(o -> {
            o.getMetadata().setNamespace("default");
            TestCluster.get().admin().resource(o).dryRun().create();
        });
    }

    @Test
    void theResponderSiteIsOptionalRestrictedAndMayPatchOnlyThroughItsPolicy() {
        assertThat(render()).noneMatch(o -> o.getMetadata().getName().contains("responder-site") || o.getMetadata().getName().contains("page-links"));

        List<HasMetadata> all = render("--set", "responderSite.enabled=true", "--set", "responderSite.url=https://respond.example.com",
                "--set", "responderSite.ingress.enabled=true", "--set", "responderSite.ingress.host=respond.example.com");
        List<HasMetadata> site = all.stream().filter(o -> o.getMetadata().getName().equals("klaxon-responder-site")).toList();
        assertThat(site).extracting(HasMetadata::getKind).containsExactlyInAnyOrder("ServiceAccount", "Role", "RoleBinding", "ClusterRole",
                "ClusterRoleBinding", "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding", "Deployment", "Service", "Ingress");
        Role role = only(site, Role.class);
        assertThat(role.getRules()).singleElement().satisfies(rule -> {
            assertThat(rule.getResources()).containsExactly("configmaps");
            assertThat(rule.getResourceNames()).containsExactly("klaxon-page-links");
            assertThat(rule.getVerbs()).containsExactlyInAnyOrder("get", "list", "watch");
        });
        io.fabric8.kubernetes.api.model.rbac.ClusterRole clusterRole = only(site, io.fabric8.kubernetes.api.model.rbac.ClusterRole.class);
        assertThat(clusterRole.getRules()).flatExtracting(r -> r.getVerbs()).containsOnly("get", "patch", "list");
        assertThat(clusterRole.getRules()).filteredOn(r -> r.getVerbs().contains("list")).singleElement()
                .satisfies(rule -> assertThat(rule.getResources()).containsExactly("oncallschedules"));
        assertThat(clusterRole.getRules()).filteredOn(r -> r.getVerbs().contains("patch")).singleElement()
                .satisfies(rule -> assertThat(rule.getResources()).containsExactly("incidents"));
        Deployment deployment = only(site, Deployment.class);
        var pod = deployment.getSpec().getTemplate().getSpec();
        assertThat(pod.getServiceAccountName()).isEqualTo("klaxon-responder-site");
        assertThat(pod.getContainers().get(0).getCommand()).contains("dev.klaxon.respond.ResponderSiteMain");
        assertThat(pod.getContainers().get(0).getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(pod.getEnableServiceLinks()).isFalse();
        Deployment operator = all.stream().filter(o -> o instanceof Deployment && o.getMetadata().getName().equals("klaxon"))
                .map(Deployment.class::cast).findFirst().orElseThrow();
        assertThat(operator.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
                .anySatisfy(env -> {
                    assertThat(env.getName()).isEqualTo("KLAXON_RESPONDER_URL");
                    assertThat(env.getValue()).isEqualTo("https://respond.example.com");
                });
        site.forEach(o -> {
            if (o.getMetadata().getNamespace() != null) {
                o.getMetadata().setNamespace("default");
            } else {
                // Cluster-wide: ResponderSiteIT may hold these names in the shared test cluster.
                o.getMetadata().setName("chart-it-" + o.getMetadata().getName());
                if (o instanceof io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBinding binding) {
                    binding.getSpec().setPolicyName("chart-it-" + binding.getSpec().getPolicyName());
                }
            }
            TestCluster.get().admin().resource(o).dryRun().create();
        });
    }

    private static List<HasMetadata> render(String... extra) {
        List<String> args = new ArrayList<>(List.of("template", "klaxon", "helm/klaxon", "--namespace", "klaxon-system",
                "--kube-version", TestCluster.KUBERNETES_VERSION));
        args.addAll(List.of(extra));
        String yaml = helm(args.toArray(String[]::new));
        List<HasMetadata> objects = new ArrayList<>();
        for (String document : yaml.split("(?m)^---\\s*$")) {
            if (document.lines().anyMatch(l -> l.startsWith("kind:"))) {
                objects.add(Serialization.unmarshal(document));
            }
        }
        return objects;
    }

    /** Everything but the leader-election Role and RoleBinding, which always live in the release namespace. */
    /** The RBAC for watched namespaces: without the release-namespace Roles (leader election, channel secrets). */
    private static List<HasMetadata> watchRbac(List<HasMetadata> objects) {
        return objects.stream().filter(o -> !o.getMetadata().getName().endsWith("-leader-election")
                && !o.getMetadata().getName().endsWith("-channel-secrets")).toList();
    }

    private static <T extends HasMetadata> T only(List<HasMetadata> objects, Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
    }

    private static String helm(String... args) {
        List<String> command = new ArrayList<>(List.of(Tools.helm().toString()));
        command.addAll(List.of(args));
        return TestCluster.run(Duration.ofMinutes(2), command.toArray(String[]::new));
    }
}
