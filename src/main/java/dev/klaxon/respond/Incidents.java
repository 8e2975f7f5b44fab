package dev.klaxon.respond;

import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.PlaybookRun;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the responder site reads and writes through the API server, as its own ServiceAccount. */
interface Incidents {

    /** The incident, or null when there is none of that name. */
    Incident get(String namespace, String name);

    /**
     * Applies a merge patch that names the resourceVersion it was decided on.
     *
     * @return the incident after it, or empty when it changed meanwhile (decide again)
     */
    Optional<Incident> patch(String namespace, String name, Map<String, Object> patch);

    /** The person the contacts of an on-call schedule in {@code namespace} name for a Slack member, if one does. */
    Optional<String> personOfSlackMember(String namespace, String slackUserId);

    /** The named runs of the incident's namespace that exist. */
    List<PlaybookRun> runs(String namespace, List<String> names);
}
