package dev.klaxon.notify;

import dev.klaxon.api.v1alpha1.ConditionReason;
import dev.klaxon.api.v1alpha1.NotificationChannel;
import dev.klaxon.api.v1alpha1.NotificationChannelSpec;
import dev.klaxon.api.v1alpha1.NotificationChannelStatus;
import dev.klaxon.api.v1alpha1.SecretKeyRef;
import dev.klaxon.common.Problem;
import dev.klaxon.common.ReadyCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reports whether a channel can deliver: its template renders, and the Secret keys it names
 * exist in the operator's namespace and are shared with the channel's namespace. Values are only
 * checked for presence here; they are read at send time and never written anywhere.
 */
@ControllerConfiguration(name = "notificationchannel")
public class NotificationChannelReconciler implements Reconciler<NotificationChannel> {

    private final ReadyCondition ready;
    private final ChannelSecrets secrets;
    private final MessageRenderer renderer = new MessageRenderer();

    public NotificationChannelReconciler(ReadyCondition ready, KubernetesClient client) {
        this.ready = ready;
        this.secrets = new ChannelSecrets(client);
    }

    @Override
    public UpdateControl<NotificationChannel> reconcile(NotificationChannel channel, Context<NotificationChannel> context) {
        NotificationChannelStatus status = channel.getStatus() != null ? channel.getStatus() : new NotificationChannelStatus();
        NotificationChannelSpec spec = channel.getSpec();
        List<Problem> problems = new ArrayList<>();
        String namespace = channel.getMetadata().getNamespace();
        renderer.problem(spec.getTemplate()).ifPresent(p -> problems.add(new Problem(ConditionReason.InvalidTemplate, "spec.template: " + p)));
        ChannelSecrets.references(spec).forEach((field, ref) -> check(problems, namespace, field, ref));
        secrets.misdirected(channel).ifPresent(p -> problems.add(new Problem(ConditionReason.DestinationNotAllowed, p)));
        ready.apply(channel, status, problems, ConditionReason.Configured, spec.getType() + " channel, credentials present");
        channel.setStatus(status);
        UpdateControl<NotificationChannel> update = UpdateControl.patchStatus(channel);
        // Secrets are not watched (the operator may not list them): look again for a missing one.
        if (!problems.isEmpty()) {
            update.rescheduleAfter(Duration.ofMinutes(1));
        }
        return update;
    }

    private void check(List<Problem> problems, String namespace, String field, SecretKeyRef ref) {
        if (ref != null && secrets.value(namespace, ref).isEmpty()) {
            problems.add(new Problem(ConditionReason.SecretNotFound, field + ": " + secrets.unavailable(namespace, ref)));
        }
    }

    @Override
    public ErrorStatusUpdateControl<NotificationChannel> updateErrorStatus(NotificationChannel resource, Context<NotificationChannel> context, Exception e) {
        return ready.failed(resource, NotificationChannelStatus::new, e);
    }
}
