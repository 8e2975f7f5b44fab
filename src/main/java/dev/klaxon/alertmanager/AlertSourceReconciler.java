package dev.klaxon.alertmanager;

import dev.klaxon.api.v1alpha1.AlertSource;
import dev.klaxon.api.v1alpha1.AlertSourceStatus;
import dev.klaxon.api.v1alpha1.ConditionReason;
import dev.klaxon.common.KlaxonConfig;
import dev.klaxon.common.Problem;
import dev.klaxon.common.ReadyCondition;
import dev.klaxon.notify.ChannelSecrets;
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
 * Says whether an AlertSource can receive (its token Secret is there and shared with its
 * namespace, the receiver is on) and where Alertmanager posts. The alerts themselves never pass
 * through here: {@link AlertmanagerReceiver} takes them on every replica.
 */
@ControllerConfiguration(name = "alertsource")
public class AlertSourceReconciler implements Reconciler<AlertSource> {

    private final ReadyCondition ready;
    private final ChannelSecrets secrets;
    private final boolean receiving;

    public AlertSourceReconciler(ReadyCondition ready, KubernetesClient client, KlaxonConfig config) {
        this.ready = ready;
        this.secrets = new ChannelSecrets(client);
        this.receiving = config.alertmanager().port() > 0;
    }

    @Override
    public UpdateControl<AlertSource> reconcile(AlertSource source, Context<AlertSource> context) {
        AlertSourceStatus status = source.getStatus() != null ? source.getStatus() : new AlertSourceStatus();
        String namespace = source.getMetadata().getNamespace();
        List<Problem> problems = new ArrayList<>();
        var ref = source.getSpec().getTokenSecretRef();
        ChannelSecrets.Token token = secrets.token(namespace, ref);
        token.problem().ifPresent(problem -> problems.add(new Problem(token.found() ? ConditionReason.TokenNotForThisNamespace : ConditionReason.SecretNotFound,
                "spec.tokenSecretRef: " + problem + "; every notification is refused (401) until it is")));
        if (source.getMetadata().getName().length() > 63) {
            problems.add(new Problem(ConditionReason.NameTooLong, "metadata.name: an AlertSource's name is a label value on its incidents, at most 63 "
                    + "characters; every notification to this one is refused (404)"));
        }
        if (!receiving) {
            problems.add(new Problem(ConditionReason.ReceiverOff, "the operator serves no Alertmanager receiver (klaxon.alertmanager.port is 0; "
                    + "the chart's alertmanager.enabled turns it on)"));
        }
        status.setWebhookPath("/alertmanager/" + namespace + "/" + source.getMetadata().getName());
        ready.apply(source, status, problems, ConditionReason.Receiving, "Alertmanager posts to " + status.getWebhookPath() + " with the token");
        source.setStatus(status);
        UpdateControl<AlertSource> update = UpdateControl.patchStatus(source);
        // Secrets are not watched (the operator may not list them): look again for a missing one.
        if (!problems.isEmpty()) {
            update.rescheduleAfter(Duration.ofMinutes(1));
        }
        return update;
    }

    @Override
    public ErrorStatusUpdateControl<AlertSource> updateErrorStatus(AlertSource source, Context<AlertSource> context, Exception e) {
        return ready.failed(source, AlertSourceStatus::new, e);
    }
}
