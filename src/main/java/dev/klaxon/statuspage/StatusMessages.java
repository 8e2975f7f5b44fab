package dev.klaxon.statuspage;

import dev.klaxon.api.v1alpha1.PublicIncidentStatus;
import java.util.List;

/** The guide's message for each public status (§4.2), naming the affected components. */
final class StatusMessages {

    private StatusMessages() {
    }

    static String of(PublicIncidentStatus status, List<String> components) {
        String affected = components.isEmpty() ? "" : " Affected services: " + String.join(", ", components) + ".";
        return switch (status) {
            case investigating -> "We are currently investigating this issue." + affected + " We will provide updates as we learn more.";
            case identified -> "We have identified the cause of this issue and are working on a fix." + affected
                    + " We will provide updates on our progress.";
            case monitoring -> "A fix has been implemented and we are monitoring the results. Service should be returning to normal. "
                    + "We will provide a final update once we confirm stability.";
            case resolved -> "This incident has been resolved. All services are operating normally. "
                    + "We apologize for any inconvenience caused.";
        };
    }
}
