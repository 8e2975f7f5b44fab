package dev.klaxon.playbook;

import dev.klaxon.alerting.IncidentOpenedListener;
import dev.klaxon.api.v1alpha1.AlertRule;
import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.PlaybookRun;
import dev.klaxon.api.v1alpha1.PlaybookRunSpec;
import dev.klaxon.common.EventRecorder;
import dev.klaxon.common.KubernetesNames;
import dev.klaxon.common.OperatorIdentity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Starts the playbook an AlertRule names in {@code incident.playbookRef} for an incident the alert
 * engine has just opened for it. Only the engine calls this, right after it created the incident:
 * an Incident someone declares with a {@code source} naming a rule starts nothing. The run carries
 * the operator's identity as requester, so the approval policy treats it like any other run:
 * gated steps still wait for a person.
 */
@ApplicationScoped
public class RuleRunStarter implements IncidentOpenedListener {

    private static final Logger LOG = Logger.getLogger(RuleRunStarter.class);

    private final KubernetesClient client;
    private final OperatorIdentity identity;
    private final EventRecorder events;

    public RuleRunStarter(KubernetesClient client, OperatorIdentity identity, EventRecorder events) {
        this.client = client;
        this.identity = identity;
        this.events = events;
    }

    @Override
    public void opened(Incident incident, AlertRule rule) {
        startFor(incident, rule);
    }

    /**
     * Creates the run once: its name is derived from the incident, so a second attempt finds it.
     * Never throws: the incident is opened whether or not its playbook could start, and a
     * failure is a Warning Event on the incident.
     *
     * @return the run's name, when the rule names a playbook and the run exists
     */
    public Optional<String> startFor(Incident incident, AlertRule rule) {
        if (rule.getSpec().getIncident() == null || rule.getSpec().getIncident().getPlaybookRef() == null) {
            return Optional.empty();
        }
        String playbook = rule.getSpec().getIncident().getPlaybookRef();
        PlaybookRun run = new PlaybookRun();
        run.getMetadata().setName(KubernetesNames.join(incident.getMetadata().getName(), playbook, 253));
        run.getMetadata().setNamespace(incident.getMetadata().getNamespace());
        PlaybookRunSpec spec = new PlaybookRunSpec();
        spec.setPlaybookRef(playbook);
        spec.setIncidentRef(incident.getMetadata().getName());
        run.setSpec(spec);
        try {
            spec.setRequestedBy(identity.userName());
            try {
                client.resource(run).create();
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || isOurs(client.resource(run).get(), spec)) {
                    throw e;
                }
                // Someone else's run holds the name: the incident's run gets a name the API server picks.
                run.getMetadata().setGenerateName(KubernetesNames.join(incident.getMetadata().getName(), playbook, 240) + "-");
                run.getMetadata().setName(null);
                run = client.resource(run).create();
            }
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                String why = "could not start playbook " + playbook + " of AlertRule " + rule.getMetadata().getName() + ": "
                        + (e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage());
                LOG.warnf("Incident %s/%s: %s", incident.getMetadata().getNamespace(), incident.getMetadata().getName(), why);
                events.record(incident, EventRecorder.Type.Warning, "PlaybookRunFailedToStart", why);
                return Optional.empty();
            }
        }
        return Optional.of(run.getMetadata().getName());
    }

    /** The run this starter made for the incident: the operator asked for it (the approval policy ties requestedBy to who created it). */
    private static boolean isOurs(PlaybookRun existing, PlaybookRunSpec wanted) {
        return existing != null && wanted.getRequestedBy().equals(existing.getSpec().getRequestedBy())
                && wanted.getIncidentRef().equals(existing.getSpec().getIncidentRef())
                && wanted.getPlaybookRef().equals(existing.getSpec().getPlaybookRef());
    }
}
