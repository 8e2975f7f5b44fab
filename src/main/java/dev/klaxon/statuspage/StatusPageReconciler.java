package dev.klaxon.statuspage;

import dev.klaxon.api.v1alpha1.ConditionReason;
import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.IncidentSpec;
import dev.klaxon.api.v1alpha1.IncidentStatus;
import dev.klaxon.api.v1alpha1.KlaxonApi;
import dev.klaxon.api.v1alpha1.MaintenanceWindow;
import dev.klaxon.api.v1alpha1.PostIncidentReview;
import dev.klaxon.api.v1alpha1.ReviewPhase;
import dev.klaxon.api.v1alpha1.ServiceLevelObjective;
import dev.klaxon.api.v1alpha1.StatusPage;
import dev.klaxon.api.v1alpha1.StatusPageStatus;
import dev.klaxon.common.LeanItemStore;
import dev.klaxon.common.NamespaceCache;
import dev.klaxon.common.ReadyCondition;
import dev.klaxon.common.StatusPatch;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Keeps a StatusPage's status: what its published incidents make of its components, their public
 * updates, and the uptime history. Reads incidents from a cache that keeps only what a page
 * shows; writes the status only when something on the page changed.
 */
@ControllerConfiguration(name = "statuspage", informer = @Informer(itemStore = LeanItemStore.class))
public class StatusPageReconciler implements Reconciler<StatusPage> {

    /** A page looks again now and then, so history older than 90 days leaves it without an incident changing. */
    static final Duration PRUNE_CHECK = Duration.ofHours(1);

    private final KubernetesSerialization json;
    private final Clock clock;
    private final ReadyCondition ready;

    public StatusPageReconciler(KubernetesClient client, Clock clock, ReadyCondition ready) {
        this.json = client.getKubernetesSerialization();
        this.clock = clock;
        this.ready = ready;
    }

    @Override
    public List<EventSource<?, StatusPage>> prepareEventSources(EventSourceContext<StatusPage> context) {
        InformerEventSource<Incident, StatusPage> incidents = new InformerEventSource<>(
                InformerEventSourceConfiguration.from(Incident.class, StatusPage.class)
                        .withName("published-incidents")
                        // Final objects were seen here first (OpenWork's grace): their records stay in the page's status.
                        .withLabelSelector(KlaxonApi.NOT_FINAL)
                        .withItemStore(new LeanItemStore<>(StatusPageReconciler::whatAPageShows))
                        // The page it is published on, and any page still showing it active (it was unpublished or moved).
                        .withSecondaryToPrimaryMapper((Incident incident) -> {
                            Set<ResourceID> pages = NamespaceCache.list(context.getPrimaryCache(), incident.getMetadata().getNamespace(),
                                            page -> showsActive(page, incident.getMetadata().getName()))
                                    .map(ResourceID::fromResource).collect(Collectors.toCollection(java.util.HashSet::new));
                            if (incident.getSpec() != null && incident.getSpec().getPublication() != null) {
                                pages.add(new ResourceID(incident.getSpec().getPublication().getPage(), incident.getMetadata().getNamespace()));
                            }
                            return pages;
                        })
                        .build(), context);
        // A published review becomes its incident's postmortem on the pages of its namespace (a namespace has few pages).
        InformerEventSource<PostIncidentReview, StatusPage> reviews = new InformerEventSource<>(
                InformerEventSourceConfiguration.from(PostIncidentReview.class, StatusPage.class)
                        .withName("published-reviews")
                        .withLabelSelector(KlaxonApi.NOT_FINAL)
                        .withItemStore(new LeanItemStore<>())
                        .withSecondaryToPrimaryMapper((PostIncidentReview review) -> NamespaceCache.list(context.getPrimaryCache(),
                                review.getMetadata().getNamespace()).map(ResourceID::fromResource).collect(Collectors.toSet()))
                        .build(), context);
        // A window published on a page wakes that page (and a page still showing it, if it moved).
        InformerEventSource<MaintenanceWindow, StatusPage> windows = new InformerEventSource<>(
                InformerEventSourceConfiguration.from(MaintenanceWindow.class, StatusPage.class)
                        .withName("published-maintenance")
                        .withLabelSelector(KlaxonApi.NOT_FINAL)
                        .withItemStore(new LeanItemStore<>())
                        .withSecondaryToPrimaryMapper((MaintenanceWindow window) -> {
                            Set<ResourceID> pages = NamespaceCache.list(context.getPrimaryCache(), window.getMetadata().getNamespace(),
                                            page -> page.getStatus() != null && page.getStatus().getMaintenances().stream()
                                                    .anyMatch(m -> window.getMetadata().getName().equals(m.getWindow())))
                                    .map(ResourceID::fromResource).collect(Collectors.toCollection(java.util.HashSet::new));
                            if (window.getSpec() != null && window.getSpec().getPublication() != null) {
                                pages.add(new ResourceID(window.getSpec().getPublication().getPage(), window.getMetadata().getNamespace()));
                            }
                            return pages;
                        })
                        .build(), context);
        // An objective's days (once a day) wake the pages whose components name it.
        InformerEventSource<ServiceLevelObjective, StatusPage> objectives = new InformerEventSource<>(
                InformerEventSourceConfiguration.from(ServiceLevelObjective.class, StatusPage.class)
                        .withName("component-objectives")
                        .withItemStore(new LeanItemStore<>(ObjectiveUptime::whatAPageShows))
                        .withOnUpdateFilter(ObjectiveUptime::changedForPages)
                        .withSecondaryToPrimaryMapper((ServiceLevelObjective slo) -> NamespaceCache.list(context.getPrimaryCache(),
                                        slo.getMetadata().getNamespace(), page -> ObjectiveUptime.refs(page.getSpec().getComponents())
                                                .contains(slo.getMetadata().getName()))
                                .map(ResourceID::fromResource).collect(Collectors.toSet()))
                        .withPrimaryToSecondaryMapper((StatusPage page) -> ObjectiveUptime.refs(page.getSpec().getComponents()).stream()
                                .map(ref -> new ResourceID(ref, page.getMetadata().getNamespace())).collect(Collectors.toSet()))
                        .build(), context);
        return List.of(incidents, reviews, windows, objectives);
    }

    private static boolean showsActive(StatusPage page, String incident) {
        return page.getStatus() != null && page.getStatus().getIncidents().stream()
                .anyMatch(r -> incident.equals(r.getIncident()) && r.getStatus() != dev.klaxon.api.v1alpha1.PublicIncidentStatus.resolved);
    }

    @Override
    public UpdateControl<StatusPage> reconcile(StatusPage page, Context<StatusPage> context) {
        String written = page.getStatus() == null ? null : json.asJson(page.getStatus());
        List<Incident> published = context.getSecondaryResources(Incident.class).stream()
                .filter(i -> i.getSpec().getPublication() != null && page.getMetadata().getName().equals(i.getSpec().getPublication().getPage()))
                .toList();
        Map<String, PageDerivation.Postmortem> postmortems = new HashMap<>();
        for (PostIncidentReview review : context.getSecondaryResources(PostIncidentReview.class)) {
            if (review.getMetadata().getNamespace().equals(page.getMetadata().getNamespace())
                    && review.getSpec().getPhase() == ReviewPhase.published && review.getSpec().getPublicSummary() != null
                    && !review.getSpec().getPublicSummary().isBlank() && review.getStatus() != null && review.getStatus().getPublishedAt() != null
                    && review.getStatus().getIncidentUid() != null) {
                // By uid: a later incident of the same name is not the one this review is about.
                postmortems.put(PublicIncidents.idOfIncident(review.getStatus().getIncidentUid()),
                        new PageDerivation.Postmortem(review.getSpec().getPublicSummary().strip(), review.getStatus().getPublishedAt()));
            }
        }
        List<MaintenanceWindow> windows = context.getSecondaryResources(MaintenanceWindow.class).stream()
                .filter(w -> w.getMetadata().getNamespace().equals(page.getMetadata().getNamespace()) && w.getSpec().getPublication() != null
                        && page.getMetadata().getName().equals(w.getSpec().getPublication().getPage()))
                .toList();
        PageDerivation.Result result = PageDerivation.derive(page.getSpec(), published, postmortems, windows, page.getStatus(), clock.instant(),
                value -> json.asJson(value).getBytes(StandardCharsets.UTF_8).length);
        StatusPageStatus status = result.status();
        List<dev.klaxon.common.Problem> problems = new java.util.ArrayList<>(result.problems());
        problems.addAll(ObjectiveUptime.apply(page.getSpec().getComponents(), status.getComponents(),
                context.getSecondaryResources(ServiceLevelObjective.class).stream()
                        .collect(Collectors.toMap(slo -> slo.getMetadata().getName(), slo -> slo, (a, b) -> a))));
        ready.apply(page, status, problems, ConditionReason.Published, status.getComponentCount() + " components, "
                + status.getActiveIncidents() + " active incidents");
        page.setStatus(status);
        UpdateControl<StatusPage> update = json.asJson(status).equals(written) ? UpdateControl.noUpdate()
                : StatusPatch.applyAndCache(page, context);
        return update.rescheduleAfter(PRUNE_CHECK);
    }

    @Override
    public ErrorStatusUpdateControl<StatusPage> updateErrorStatus(StatusPage page, Context<StatusPage> context, Exception e) {
        return ready.failed(page, StatusPageStatus::new, e);
    }

    /**
     * What of an incident a page reads: its publication, severity, phase, impact, public updates and
     * times. Unpublished incidents keep only their name, so a namespace with thousands of incidents
     * costs this cache little.
     */
    static Incident whatAPageShows(Incident incident) {
        IncidentSpec spec = incident.getSpec();
        IncidentSpec kept = new IncidentSpec();
        IncidentStatus status = new IncidentStatus();
        if (spec != null && spec.getPublication() != null) {
            kept.setPublication(spec.getPublication());
            kept.setSeverity(spec.getSeverity());
            kept.setPhase(spec.getPhase());
            kept.setImpact(spec.getImpact());
            kept.setUpdates(spec.getUpdates().stream().filter(u -> Boolean.TRUE.equals(u.getPublic())).toList());
            if (incident.getStatus() != null) {
                status.setSeverity(incident.getStatus().getSeverity());
                status.setDetectedAt(incident.getStatus().getDetectedAt());
                status.setResolvedAt(incident.getStatus().getResolvedAt());
            }
        }
        kept.setTitle(null);
        incident.setSpec(kept);
        incident.setStatus(status);
        incident.getMetadata().setAnnotations(null);
        return incident;
    }
}
