package dev.klaxon.correlation;

import dev.klaxon.api.v1alpha1.ClusterServiceDependency;
import dev.klaxon.api.v1alpha1.ConditionReason;
import dev.klaxon.api.v1alpha1.ServiceDependencyStatus;
import dev.klaxon.common.ReadyCondition;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Constants;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import dev.klaxon.common.Problem;
import dev.klaxon.common.WatchedObjects;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import java.util.stream.Collectors;

/** Reports a ClusterServiceDependency in force; the alert engine reads it when an alert fires. */
// Cluster-scoped objects are in no namespace: the controller watches the cluster whatever namespaces the others watch
// (named in the annotation, so the operator-wide quarkus.operator-sdk.namespaces does not replace it).
@ControllerConfiguration(name = "clusterservicedependency", informer = @Informer(namespaces = Constants.WATCH_ALL_NAMESPACES))
public class ClusterServiceDependencyReconciler implements Reconciler<ClusterServiceDependency> {

    private final ReadyCondition ready;
    private final DependencyDeclarations declarations;
    /** The namespaces the operator watches; empty: all. */
    private final Set<String> watched;

    public ClusterServiceDependencyReconciler(ReadyCondition ready, DependencyDeclarations declarations,
            @ConfigProperty(name = "quarkus.operator-sdk.namespaces") String watchedNamespaces) {
        this.ready = ready;
        this.declarations = declarations;
        this.watched = watchedNamespaces.strip().equals(WatchedObjects.ALL_NAMESPACES) ? Set.of()
                : Arrays.stream(watchedNamespaces.split(",")).map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }

    @Override
    public List<EventSource<?, ClusterServiceDependency>> prepareEventSources(EventSourceContext<ClusterServiceDependency> context) {
        declarations.clusterWide().bind(context.getPrimaryCache());
        return List.of();
    }

    @Override
    public UpdateControl<ClusterServiceDependency> reconcile(ClusterServiceDependency dependency, Context<ClusterServiceDependency> context) {
        declarations.clusterWide().seen();
        var spec = dependency.getSpec();
        ServiceDependencyStatus status = dependency.getStatus() != null ? dependency.getStatus() : new ServiceDependencyStatus();
        String dependents = (spec.getServices() == null || spec.getServices().isEmpty() ? "every service" : String.join(", ", spec.getServices()))
                + " of " + (spec.getNamespaces() == null || spec.getNamespaces().isEmpty() ? "every namespace" : String.join(", ", spec.getNamespaces()));
        // An operator watching listed namespaces sees neither incidents nor alerts elsewhere: such a link holds nothing back.
        List<String> unwatched = Stream.concat(spec.getDependsOn().stream().map(d -> d.getNamespace()),
                        spec.getNamespaces() == null ? Stream.empty() : spec.getNamespaces().stream())
                .filter(ns -> !watched.isEmpty() && !watched.contains(ns)).distinct().sorted().toList();
        List<Problem> problems = unwatched.isEmpty() ? List.of() : List.of(new Problem(ConditionReason.NamespaceNotWatched, "namespaces "
                + unwatched + " are not watched by the operator (watchNamespaces): no incident there holds anything back, no alert there is held"));
        ready.apply(dependency, status, problems, ConditionReason.Valid, "new alerts of " + dependents + " are held back while "
                + spec.getDependsOn().stream().map(d -> d.getNamespace() + "/" + d.getService()).collect(Collectors.joining(", "))
                + " has an open incident");
        dependency.setStatus(status);
        return UpdateControl.patchStatus(dependency);
    }

    @Override
    public ErrorStatusUpdateControl<ClusterServiceDependency> updateErrorStatus(ClusterServiceDependency resource,
            Context<ClusterServiceDependency> context, Exception e) {
        return ready.failed(resource, ServiceDependencyStatus::new, e);
    }
}
