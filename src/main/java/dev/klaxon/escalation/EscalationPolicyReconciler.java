package dev.klaxon.escalation;

import dev.klaxon.api.v1alpha1.ConditionReason;
import dev.klaxon.api.v1alpha1.Correlation;
import dev.klaxon.common.KlaxonDurations;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.time.Duration;
import dev.klaxon.api.v1alpha1.EscalationPolicy;
import dev.klaxon.api.v1alpha1.EscalationPolicyStatus;
import dev.klaxon.api.v1alpha1.SupportHours;
import dev.klaxon.common.Problem;
import dev.klaxon.common.ReadyCondition;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** Reports an EscalationPolicy ready (or why its support hours cannot hold); the incidents that use it do the paging. */
@ControllerConfiguration(name = "escalationpolicy")
public class EscalationPolicyReconciler implements Reconciler<EscalationPolicy> {

    /** The longest correlation window: an incident a day old is not what a new alert is about. */
    public static final Duration MAX_CORRELATION_WINDOW = Duration.ofHours(24);

    private final ReadyCondition ready;
    private final EscalationPolicies policies;

    public EscalationPolicyReconciler(ReadyCondition ready, EscalationPolicies policies) {
        this.ready = ready;
        this.policies = policies;
    }

    @Override
    public List<EventSource<?, EscalationPolicy>> prepareEventSources(EventSourceContext<EscalationPolicy> context) {
        policies.cache().bind(context.getPrimaryCache());
        return List.of();
    }

    @Override
    public UpdateControl<EscalationPolicy> reconcile(EscalationPolicy policy, Context<EscalationPolicy> context) {
        policies.cache().seen();
        EscalationPolicyStatus status = policy.getStatus() != null ? policy.getStatus() : new EscalationPolicyStatus();
        status.setLevelCount(policy.getSpec().getLevels().size());
        List<Problem> problems = new ArrayList<>();
        SupportHours hours = policy.getSpec().getSupportHours();
        if (hours != null) {
            try {
                ZoneId.of(hours.getTimeZone());
            } catch (DateTimeException e) {
                problems.add(new Problem(ConditionReason.InvalidSchedule, "spec.supportHours.timeZone " + hours.getTimeZone()
                        + " is not an IANA time zone (e.g. Europe/Berlin): every incident pages at once until it is"));
            }
        }
        Correlation correlation = policy.getSpec().getCorrelation();
        if (correlation != null && correlation.getWindow() != null
                && KlaxonDurations.parse(correlation.getWindow()).compareTo(MAX_CORRELATION_WINDOW) > 0) {
            problems.add(new Problem(ConditionReason.InvalidWindow, "spec.correlation.window " + correlation.getWindow()
                    + " is longer than 24h: correlation uses 24h until it is shortened"));
        }
        ready.apply(policy, status, problems, ConditionReason.Valid, "policy with " + status.getLevelCount() + " levels"
                + (hours != null ? ", support hours in " + hours.getTimeZone() + " for " + hours.getSeverities() : ""));
        policy.setStatus(status);
        return UpdateControl.patchStatus(policy);
    }

    @Override
    public ErrorStatusUpdateControl<EscalationPolicy> updateErrorStatus(EscalationPolicy resource, Context<EscalationPolicy> context, Exception e) {
        return ready.failed(resource, EscalationPolicyStatus::new, e);
    }
}
