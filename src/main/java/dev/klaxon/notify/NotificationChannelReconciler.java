package dev.klaxon.notify;

import dev.klaxon.api.v1alpha1.NotificationChannel;
import dev.klaxon.api.v1alpha1.NotificationChannelSpec;
import dev.klaxon.api.v1alpha1.NotificationChannelStatus;
import dev.klaxon.api.v1alpha1.SecretKeyRef;
import dev.klaxon.common.Problem;
import dev.klaxon.common.ReadyCondition;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reports whether a channel can deliver: the Secret keys it names exist in the operator's
 * namespace. It only checks that they are there; their values are read at send time and never
 * written anywhere.
 */
@ControllerConfiguration(name = "notificationchannel")
public class NotificationChannelReconciler implements Reconciler<NotificationChannel> {

    private final ReadyCondition ready;
    private final KubernetesClient client;

    public NotificationChannelReconciler(ReadyCondition ready, KubernetesClient client) {
        this.ready = ready;
        this.client = client;
    }

    @Override
    public UpdateControl<NotificationChannel> reconcile(NotificationChannel channel, Context<NotificationChannel> context) {
        NotificationChannelStatus status = channel.getStatus() != null ? channel.getStatus() : new NotificationChannelStatus();
        NotificationChannelSpec spec = channel.getSpec();
        List<Problem> problems = new ArrayList<>();
        check(problems, "spec.urlSecretRef", spec.getUrlSecretRef());
        check(problems, "spec.routingKeySecretRef", spec.getRoutingKeySecretRef());
        check(problems, "spec.signingSecretRef", spec.getSigningSecretRef());
        if (spec.getEmail() != null) {
            check(problems, "spec.email.usernameSecretRef", spec.getEmail().getUsernameSecretRef());
            check(problems, "spec.email.passwordSecretRef", spec.getEmail().getPasswordSecretRef());
        }
        ready.apply(channel, status, problems, "Configured", spec.getType() + " channel, credentials present");
        channel.setStatus(status);
        UpdateControl<NotificationChannel> update = UpdateControl.patchStatus(channel);
        // Secrets are not watched (the operator may not list them): look again for a missing one.
        if (!problems.isEmpty()) {
            update.rescheduleAfter(Duration.ofMinutes(1));
        }
        return update;
    }

    private void check(List<Problem> problems, String field, SecretKeyRef ref) {
        if (ref == null) {
            return;
        }
        Secret secret = client.secrets().inNamespace(client.getNamespace()).withName(ref.getName()).get();
        boolean present = secret != null && (secret.getData() != null && secret.getData().containsKey(ref.getKey())
                || secret.getStringData() != null && secret.getStringData().containsKey(ref.getKey()));
        if (!present) {
            problems.add(new Problem("SecretNotFound", field + ": Secret " + ref.getName() + " with key " + ref.getKey()
                    + " not found in the operator's namespace " + client.getNamespace()));
        }
    }
}
