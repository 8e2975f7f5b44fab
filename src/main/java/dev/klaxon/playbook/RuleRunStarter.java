package dev.klaxon.playbook;

import dev.klaxon.api.v1alpha1.EventReason;
import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.KlaxonApi;
import dev.klaxon.api.v1alpha1.PlaybookRun;
import dev.klaxon.api.v1alpha1.PlaybookRunSpec;
import dev.klaxon.common.EventRecorder;
import dev.klaxon.common.KubernetesNames;
import dev.klaxon.common.OperatorIdentity;
import dev.klaxon.common.OperatorKey;
import dev.klaxon.incident.AutoRunStarter;
import dev.klaxon.incident.IncidentProof;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Starts the playbook an AlertRule names in {@code incident.playbookRef} (or a Heartbeat in
 * {@code playbookRef}) for the incidents the operator opens for it. Only incidents the operator signed, with the playbook in the
 * signature, are owed a run: an Incident someone declares with a {@code source} naming a rule, or
 * with the annotation copied onto it, starts nothing. The run carries the operator's identity as
 * requester, so the approval policy treats it like any other run: gated steps still wait for a person.
 */
@ApplicationScoped
public class RuleRunStarter implements AutoRunStarter {

    private static final Logger LOG = Logger.getLogger(RuleRunStarter.class);

    private final KubernetesClient client;
    private final OperatorIdentity identity;
    private final EventRecorder events;
    private final OperatorKey key;

    public RuleRunStarter(KubernetesClient client, OperatorIdentity identity, EventRecorder events, OperatorKey key) {
        this.client = client;
        this.identity = identity;
        this.events = events;
        this.key = key;
    }

    @Override
    public Optional<String> owedPlaybook(Incident incident) {
        var annotations = incident.getMetadata().getAnnotations();
        String playbook = annotations == null ? null : annotations.get(KlaxonApi.ANNOTATION_AUTO_RUN_PLAYBOOK);
        return playbook != null && (IncidentProof.isRuleAlerts(key, incident) || IncidentProof.isHeartbeats(key, incident)
                || IncidentProof.isSlos(key, incident))
                ? Optional.of(playbook) : Optional.empty();
    }

    /**
     * The run is named after the incident and the playbook, so a second attempt finds it; when
     * someone else's object holds that name, the run gets a name the API server picks, and a later
     * attempt finds it by a live list. One attempt at a time, so two never both pick a name.
     */
    @Override
    public synchronized Optional<String> ensureRun(Incident incident, String playbook) {
        String namespace = incident.getMetadata().getNamespace();
        PlaybookRun run = new PlaybookRun();
        run.getMetadata().setName(KubernetesNames.join(incident.getMetadata().getName(), playbook, 253));
        run.getMetadata().setNamespace(namespace);
        PlaybookRunSpec spec = new PlaybookRunSpec();
        spec.setPlaybookRef(playbook);
        spec.setIncidentRef(incident.getMetadata().getName());
        run.setSpec(spec);
        try {
            spec.setRequestedBy(identity.userName());
            try {
                return Optional.of(client.resource(run).create().getMetadata().getName());
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    throw e;
                }
            }
            if (isOurs(client.resource(run).get(), spec)) {
                return Optional.of(run.getMetadata().getName());
            }
            // Only the incident's runs (a selectable field), never the namespace's whole history.
            Optional<PlaybookRun> placed = client.resources(PlaybookRun.class).inNamespace(namespace)
                    .withField("spec.incidentRef", incident.getMetadata().getName()).list().getItems().stream()
                    .filter(r -> isOurs(r, spec)).findFirst();
            if (placed.isPresent()) {
                return Optional.of(placed.get().getMetadata().getName());
            }
            // Someone else's run holds the name: the incident's run gets a name the API server picks.
            run.getMetadata().setGenerateName(KubernetesNames.join(incident.getMetadata().getName(), playbook, 240) + "-");
            run.getMetadata().setName(null);
            return Optional.of(client.resource(run).create().getMetadata().getName());
        } catch (KubernetesClientException e) {
            String why = "could not start playbook " + playbook + " for the alert's incident: "
                    + (e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage());
            LOG.warnf("Incident %s/%s: %s", namespace, incident.getMetadata().getName(), why);
            events.record(incident, EventRecorder.Type.Warning, EventReason.PlaybookRunFailedToStart, why);
            return Optional.empty();
        }
    }

    /** The run this starter made for the incident: the operator asked for it (the approval policy ties requestedBy to who created it). */
    private static boolean isOurs(PlaybookRun existing, PlaybookRunSpec wanted) {
        return existing != null && wanted.getRequestedBy().equals(existing.getSpec().getRequestedBy())
                && wanted.getIncidentRef().equals(existing.getSpec().getIncidentRef())
                && wanted.getPlaybookRef().equals(existing.getSpec().getPlaybookRef());
    }
}
