package dev.klaxon.correlation;

import dev.klaxon.api.v1alpha1.ConditionReason;
import dev.klaxon.api.v1alpha1.ServiceDependency;
import dev.klaxon.api.v1alpha1.ServiceDependencyStatus;
import dev.klaxon.common.ReadyCondition;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.util.List;

/** Reports a ServiceDependency in force (its schema checked the rest); the alert engine reads it when an alert fires. */
@ControllerConfiguration(name = "servicedependency")
public class ServiceDependencyReconciler implements Reconciler<ServiceDependency> {

    private final ReadyCondition ready;
    private final DependencyDeclarations declarations;

    public ServiceDependencyReconciler(ReadyCondition ready, DependencyDeclarations declarations) {
        this.ready = ready;
        this.declarations = declarations;
    }

    @Override
    public List<EventSource<?, ServiceDependency>> prepareEventSources(EventSourceContext<ServiceDependency> context) {
        declarations.namespaced().bind(context.getPrimaryCache());
        return List.of();
    }

    @Override
    public UpdateControl<ServiceDependency> reconcile(ServiceDependency dependency, Context<ServiceDependency> context) {
        declarations.namespaced().seen();
        ServiceDependencyStatus status = dependency.getStatus() != null ? dependency.getStatus() : new ServiceDependencyStatus();
        ready.apply(dependency, status, List.of(), ConditionReason.Valid, "new alerts of " + String.join(", ", dependency.getSpec().getServices())
                + " are held back while " + String.join(", ", dependency.getSpec().getDependsOn()) + " has an open incident");
        dependency.setStatus(status);
        return UpdateControl.patchStatus(dependency);
    }

    @Override
    public ErrorStatusUpdateControl<ServiceDependency> updateErrorStatus(ServiceDependency resource, Context<ServiceDependency> context, Exception e) {
        return ready.failed(resource, ServiceDependencyStatus::new, e);
    }
}
