package dev.klaxon.incident;

import dev.klaxon.api.v1alpha1.IncidentSpec;
import dev.klaxon.api.v1alpha1.Playbook;
import dev.klaxon.api.v1alpha1.PlaybookSpec;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which playbooks fit an incident: same category (when the playbook names one), a severity it
 * lists (when it lists any), and, when it names symptoms, one symptom that shares at least two
 * words with the incident's title and description ("error rate" in "High error rate on api").
 *
 * <p>At most {@link #MAX_LISTED} are named, the most specific first (a matching symptom, then
 * listed severities, then a named category; by name within each): a tenant can create any number
 * of playbooks that fit everything, and naming them all once could grow the incident's status
 * past what etcd accepts. The rest are counted.
 */
public final class PlaybookSuggestions {

    private static final Set<String> STOP_WORDS = Set.of("the", "and", "for", "are", "with", "from", "than", "above", "below", "of");

    static final int MAX_LISTED = 20;

    /** The names listed (most specific first) and how many more fit. */
    public record Suggestions(List<String> names, int notListed) {
    }

    private PlaybookSuggestions() {
    }

    public static Suggestions suggest(IncidentSpec incident, List<Playbook> playbooks) {
        Set<String> words = words(String.join(" ", nonNull(incident.getTitle()), nonNull(incident.getDescription())));
        List<Playbook> fitting = playbooks.stream().filter(p -> fits(p.getSpec(), incident, words))
                .sorted(Comparator.comparingInt((Playbook p) -> -specificity(p.getSpec())).thenComparing(p -> p.getMetadata().getName()))
                .toList();
        return new Suggestions(fitting.stream().limit(MAX_LISTED).map(p -> p.getMetadata().getName()).toList(),
                Math.max(0, fitting.size() - MAX_LISTED));
    }

    /** How much of the incident a fitting playbook was chosen on: a symptom outweighs severities, which outweigh a category. */
    private static int specificity(PlaybookSpec playbook) {
        return (playbook.getSymptoms() != null && !playbook.getSymptoms().isEmpty() ? 4 : 0)
                + (playbook.getSeverities() != null && !playbook.getSeverities().isEmpty() ? 2 : 0)
                + (playbook.getCategory() != null ? 1 : 0);
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
