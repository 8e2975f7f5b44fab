package dev.klaxon.crds;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.api.ManifestFixtures;
import dev.klaxon.testing.TestCluster;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What people see with kubectl: documentation, short names, the klaxon category, useful columns. */
class KubectlIT {

    private static String namespace;

    @BeforeAll
    static void examples() {
        namespace = TestCluster.get().createNamespace("kubectl");
        kubectl("apply", "--server-side", "-f", ManifestFixtures.EXAMPLES.toString());
    }

    @Test
    void explainDocumentsTheFields() {
        assertThat(kubectl("explain", "incidents.spec.phase")).contains("Resolved may reopen to Investigating");
        assertThat(kubectl("explain", "alertrules.spec.conditions.window")).contains("look-back window");
        assertThat(kubectl("explain", "playbooks.spec.steps.requiresApproval")).contains("waits for an approval");
        assertThat(kubectl("explain", "playbookruns.status.conditions.lastTransitionTime")).contains("status changed");
    }

    @Test
    void incidentsListReadsLikeAnIncidentList() {
        String list = kubectl("get", "incidents");

        assertThat(list.lines().findFirst().orElseThrow().split("\\s+"))
                .containsExactly("NAME", "SEVERITY", "PHASE", "TITLE", "COMMANDER", "AGE");
        assertThat(list).contains("checkout-eu-outage", "SEV2", "Checkout failing for EU customers", "alice@example.com");
    }

    @Test
    void everyKindHasItsColumnsAndShortName() {
        assertThat(header(kubectl("get", "ar"))).isEqualTo("NAME SEVERITY STATE LAST EVALUATED AGE");
        assertThat(header(kubectl("get", "pb"))).isEqualTo("NAME CATEGORY STEPS AGE");
        assertThat(header(kubectl("get", "pbr"))).isEqualTo("NAME PLAYBOOK INCIDENT PHASE PROGRESS STEP AGE");
        assertThat(header(kubectl("get", "pbr", "-o", "wide"))).isEqualTo("NAME PLAYBOOK INCIDENT PHASE PROGRESS STEP REQUESTED-BY AGE");
        assertThat(kubectl("get", "inc")).contains("checkout-eu-outage");
        assertThat(kubectl("get", "ar")).contains("api-error-rate", "Auto");
        assertThat(kubectl("get", "pbr")).contains("checkout-eu-outage-rollback", "api-high-error-rate", "checkout-eu-outage");
    }

    @Test
    void theKlaxonCategoryListsEveryKind() {
        assertThat(kubectl("get", "klaxon")).contains("alertrule.klaxon.dev/api-error-rate", "incident.klaxon.dev/checkout-eu-outage",
                "playbook.klaxon.dev/api-high-error-rate", "playbookrun.klaxon.dev/checkout-eu-outage-rollback");
    }

    private static String header(String table) {
        return table.lines().findFirst().orElseThrow().trim().replaceAll("\\s+", " ");
    }

    private static String kubectl(String... args) {
        return TestCluster.kubectl(namespace, args);
    }
}
