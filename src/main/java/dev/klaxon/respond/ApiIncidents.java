package dev.klaxon.respond;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.klaxon.api.v1alpha1.Contact;
import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.OnCallSchedule;
import dev.klaxon.api.v1alpha1.PlaybookRun;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link Incidents} through the API server. */
final class ApiIncidents implements Incidents {

    /** Runs read per page at most (the incident's status lists the newest). */
    static final int MAX_RUNS = 5;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KubernetesClient client;

    ApiIncidents(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public Incident get(String namespace, String name) {
        return client.resources(Incident.class).inNamespace(namespace).withName(name).get();
    }

    @Override
    public Optional<Incident> patch(String namespace, String name, Map<String, Object> patch) {
        try {
            return Optional.of(client.resources(Incident.class).inNamespace(namespace).withName(name)
                    .patch(PatchContext.of(PatchType.JSON_MERGE), JSON.writeValueAsString(patch)));
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                return Optional.empty();
            }
            throw e;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Optional<String> personOfSlackMember(String namespace, String slackUserId) {
        return client.resources(OnCallSchedule.class).inNamespace(namespace).list().getItems().stream()
                .filter(schedule -> schedule.getSpec() != null && schedule.getSpec().getContacts() != null)
                .flatMap(schedule -> schedule.getSpec().getContacts().stream())
                .filter(contact -> slackUserId.equals(contact.getSlackUserId())).map(Contact::getUser).findFirst();
    }

    @Override
    public List<PlaybookRun> runs(String namespace, List<String> names) {
        List<PlaybookRun> runs = new ArrayList<>();
        for (String name : names.stream().limit(MAX_RUNS).toList()) {
            try {
                PlaybookRun run = client.resources(PlaybookRun.class).inNamespace(namespace).withName(name).get();
                if (run != null) {
                    runs.add(run);
                }
            } catch (KubernetesClientException e) {
                // The page shows the run's summary without its steps.
            }
        }
        return runs;
    }
}
