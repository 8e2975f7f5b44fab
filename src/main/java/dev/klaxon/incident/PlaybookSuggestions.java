package dev.klaxon.incident;

import dev.klaxon.api.v1alpha1.IncidentSpec;
import dev.klaxon.api.v1alpha1.Playbook;
import dev.klaxon.api.v1alpha1.PlaybookSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which playbooks fit an incident: same category (when the playbook names one), a severity it
 * lists (when it lists any), and, when it names symptoms, one symptom that shares at least two
 * words with the incident's title and description ("error rate" in "High error rate on api").
 */
public final class PlaybookSuggestions {

    private static final Set<String> STOP_WORDS = Set.of("the", "and", "for", "are", "with", "from", "than", "above", "below", "of");

    private PlaybookSuggestions() {
    }

    public static List<String> suggest(IncidentSpec incident, List<Playbook> playbooks) {
        Set<String> words = words(String.join(" ", nonNull(incident.getTitle()), nonNull(incident.getDescription())));
        return playbooks.stream().filter(p -> fits(p.getSpec(), incident, words))
                .map(p -> p.getMetadata().getName()).sorted().toList();
    }

    private static boolean fits(PlaybookSpec playbook, IncidentSpec incident, Set<String> incidentWords) {
        if (playbook.getCategory() != null && playbook.getCategory() != incident.getCategory()) {
            return false;
        }
        if (playbook.getSeverities() != null && !playbook.getSeverities().isEmpty()
                && !playbook.getSeverities().contains(incident.getSeverity())) {
            return false;
        }
        if (playbook.getSymptoms() == null || playbook.getSymptoms().isEmpty()) {
            return true;
        }
        return playbook.getSymptoms().stream().anyMatch(symptom -> words(symptom).stream().filter(incidentWords::contains).count() >= 2);
    }

    static Set<String> words(String text) {
        return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^a-z0-9]+"))
                .filter(w -> w.length() >= 3 && !STOP_WORDS.contains(w)).collect(Collectors.toSet());
    }

    private static String nonNull(String text) {
        return text == null ? "" : text;
    }
}
