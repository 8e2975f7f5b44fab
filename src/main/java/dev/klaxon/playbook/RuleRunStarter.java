package dev.klaxon.playbook;

import dev.klaxon.api.v1alpha1.AlertRule;
import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.PlaybookRun;
import dev.klaxon.api.v1alpha1.PlaybookRunSpec;
import dev.klaxon.common.KubernetesNames;
import dev.klaxon.common.OperatorIdentity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Starts the playbook an AlertRule names in {@code incident.playbookRef} for an incident it
 * opened. The run carries the operator's identity as requester, so the approval policy treats it
 * like any other run: gated steps still wait for a person.
 */
@ApplicationScoped
public class RuleRunStarter {

    private final KubernetesClient client;
    private final OperatorIdentity identity;

    public RuleRunStarter(KubernetesClient client, OperatorIdentity identity) {
        this.client = client;
        this.identity = identity;
    }

    /**
     * Creates the run once: its name is derived from the incident, so doing it again after a
     * restart finds the run already there.
     *
     * @return the run's name, when the incident's rule names a playbook
     */
    public Optional<String> startFor(Incident incident) {
        if (incident.getSpec().getSource() == null || incident.getSpec().getSource().getAlertRule() == null) {
            return Optional.empty();
        }
        String namespace = incident.getMetadata().getNamespace();
        AlertRule rule = client.resources(AlertRule.class).inNamespace(namespace)
                .withName(incident.getSpec().getSource().getAlertRule()).get();
        if (rule == null || rule.getSpec().getIncident() == null || rule.getSpec().getIncident().getPlaybookRef() == null) {
            return Optional.empty();
        }
        String playbook = rule.getSpec().getIncident().getPlaybookRef();
        PlaybookRun run = new PlaybookRun();
        run.getMetadata().setName(KubernetesNames.join(incident.getMetadata().getName(), playbook, 253));
        run.getMetadata().setNamespace(namespace);
        PlaybookRunSpec spec = new PlaybookRunSpec();
        spec.setPlaybookRef(playbook);
        spec.setIncidentRef(incident.getMetadata().getName());
        spec.setRequestedBy(identity.userName());
        run.setSpec(spec);
        try {
            client.resource(run).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
        }
        return Optional.of(run.getMetadata().getName());
    }
}
