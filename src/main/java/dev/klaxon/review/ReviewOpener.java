package dev.klaxon.review;

import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.KlaxonApi;
import dev.klaxon.api.v1alpha1.NotificationChannel;
import dev.klaxon.api.v1alpha1.PostIncidentReview;
import dev.klaxon.api.v1alpha1.PostIncidentReviewSpec;
import dev.klaxon.common.KlaxonConfig;
import dev.klaxon.common.KubernetesNames;
import dev.klaxon.common.OperatorKey;
import dev.klaxon.incident.ReviewRequests;
import dev.klaxon.notify.InternalChannels;
import dev.klaxon.notify.NotificationLedger;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Opens the review of an incident that resolved, for the severities configured
 * ({@code klaxon.reviews.auto-create}, SEV1–SEV3 by default): {@code pir-<incident>}, a draft the
 * reconciler then prefills, signed by the operator ({@code klaxon.dev/proof} over the namespace,
 * the review's name and the incident's uid). Idempotent: its own review, or one made by hand for
 * the incident, is kept; a review of that name about something else keeps its name and the
 * incident's own opens beside it ({@code pir-<incident>-<uid prefix>}).
 */
@ApplicationScoped
public class ReviewOpener implements ReviewRequests {

    /** As many as spec.channels may hold. */
    private static final int MAX_CHANNELS = 5;

    private final KubernetesClient client;
    private final OperatorKey key;
    private final Set<String> severities;

    public ReviewOpener(KubernetesClient client, KlaxonConfig config, OperatorKey key) {
        this.client = client;
        this.key = key;
        this.severities = config.reviews().autoCreate().stream().map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }

    @Override
    public Optional<String> resolved(Incident incident) {
        if (incident.getSpec().getSeverity() == null || !severities.contains(incident.getSpec().getSeverity().name())) {
            return Optional.empty();
        }
        String name = nameFor(incident.getMetadata().getName());
        PostIncidentReview review = new PostIncidentReview();
        review.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(incident.getMetadata().getNamespace()).build());
        PostIncidentReviewSpec spec = new PostIncidentReviewSpec();
        spec.setIncidentRef(incident.getMetadata().getName());
        List<String> channels = teamChannels(incident);
        spec.setChannels(channels.isEmpty() ? null : channels);
        review.setSpec(spec);
        if (createSigned(review, incident)) {
            return Optional.of(name);
        }
        PostIncidentReview existing = client.resources(PostIncidentReview.class).inNamespace(incident.getMetadata().getNamespace())
                .withName(name).get();
        if (existing == null || isOpenedFor(existing, incident) || incident.getMetadata().getName().equals(existing.getSpec().getIncidentRef())) {
            return Optional.of(name); // ours (a retry), or made by hand for this incident: kept
        }
        // The name is someone's review of something else: the incident's own opens beside it, not in its place.
        String beside = KubernetesNames.fit(name, 253 - 9) + "-" + incident.getMetadata().getUid().substring(0, 8);
        review.getMetadata().setName(beside);
        createSigned(review, incident); // taken already: ours, from an earlier attempt
        return Optional.of(beside);
    }

    /** Creates the review signed for the incident; false when its name is taken. */
    private boolean createSigned(PostIncidentReview review, Incident incident) {
        review.getMetadata().setAnnotations(Map.of(KlaxonApi.ANNOTATION_PROOF, key.sign(proofText(review, incident))));
        try {
            client.resource(review).create();
            return true;
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
            return false;
        }
    }

    /** Whether the operator opened {@code review} for {@code incident}: its signature over both. */
    public boolean isOpenedFor(PostIncidentReview review, Incident incident) {
        Map<String, String> annotations = review.getMetadata().getAnnotations();
        return annotations != null && key.verify(proofText(review, incident), annotations.get(KlaxonApi.ANNOTATION_PROOF));
    }

    private static String proofText(PostIncidentReview review, Incident incident) {
        return "review\n" + incident.getMetadata().getNamespace() + "\n" + review.getMetadata().getName() + "\n" + incident.getMetadata().getUid();
    }

    /**
     * The internal channels that heard about the incident, as the review's channels: the team
     * that handled it hears about its follow-ups. Pager and customer channels are left out.
     */
    private List<String> teamChannels(Incident incident) {
        if (incident.getStatus() == null || incident.getStatus().getNotifications() == null) {
            return List.of();
        }
        return NotificationLedger.informed(incident.getStatus().getNotifications()).stream()
                .filter(name -> {
                    NotificationChannel channel = client.resources(NotificationChannel.class)
                            .inNamespace(incident.getMetadata().getNamespace()).withName(name).get();
                    return channel != null && InternalChannels.isInternal(channel);
                })
                .limit(MAX_CHANNELS).toList();
    }

    /** pir-<incident>, within the 253 characters of a name. */
    public static String nameFor(String incident) {
        return KubernetesNames.fit("pir-" + incident, 253);
    }
}
