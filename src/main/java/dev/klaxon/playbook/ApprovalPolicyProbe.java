package dev.klaxon.playbook;

import dev.klaxon.api.v1alpha1.PlaybookRun;
import dev.klaxon.api.v1alpha1.PlaybookRunSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fail closed: an approval is only as good as the admission policy that ties it to the person
 * who gave it. Before a gated step may run, the operator asks the API server itself, with a
 * dry-run create of a run whose requestedBy names someone else: where that is admitted (the
 * policy is disabled, or not bound to the namespace), a forged approval would be admitted too,
 * so no approval counts there. The answer is kept a minute per namespace.
 */
final class ApprovalPolicyProbe {

    static final Duration KEEP = Duration.ofMinutes(1);
    static final String PROBE_USER = "klaxon.dev:approval-policy-probe";

    private record Answer(Optional<String> notEnforced, Instant at) {
    }

    /** What the API server said; {@code clear}: admitted or refused by the policy, not an error worth asking again about. */
    private record Probed(Optional<String> notEnforced, boolean clear) {
    }

    private final KubernetesClient client;
    private final Clock clock;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();

    ApprovalPolicyProbe(KubernetesClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    /** Empty when approvals of this run can be trusted; else why not and how to fix it. */
    Optional<String> notEnforced(PlaybookRun run) {
        String namespace = run.getMetadata().getNamespace();
        if (run.getSpec().getRequestedBy() == null) {
            return Optional.of("spec.requestedBy is missing, so the API server did not check who created this run: "
                    + "create it again with the chart's admission policy (admissionPolicy.enabled=true) in force in namespace " + namespace);
        }
        Instant now = clock.instant();
        Answer answer = answers.get(namespace);
        if (answer == null || !now.isBefore(answer.at().plus(KEEP))) {
            Probed probed = probe(namespace);
            answer = new Answer(probed.notEnforced(), now);
            if (probed.clear()) {
                answers.put(namespace, answer);
            }
        }
        return answer.notEnforced();
    }

    private Probed probe(String namespace) {
        PlaybookRun probe = new PlaybookRun();
        probe.setMetadata(new ObjectMetaBuilder().withGenerateName("klaxon-approval-policy-probe-").withNamespace(namespace).build());
        PlaybookRunSpec spec = new PlaybookRunSpec();
        spec.setPlaybookRef("klaxon-approval-policy-probe");
        spec.setRequestedBy(PROBE_USER);
        probe.setSpec(spec);
        try {
            client.resource(probe).dryRun().create();
            return new Probed(Optional.of("the API server admits a PlaybookRun whose spec.requestedBy is not the user who creates it, "
                    + "so an approval could be forged in namespace " + namespace + ": install the chart's admission policy "
                    + "(helm value admissionPolicy.enabled=true) with an admissionPolicy.namespaceSelector that matches this namespace"), true);
        } catch (KubernetesClientException e) {
            String message = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage();
            if (e.getCode() == 403 && message.contains("ValidatingAdmissionPolicy") && message.contains("requestedBy")) {
                return new Probed(Optional.empty(), true);
            }
            return new Probed(Optional.of("could not check that the chart's admission policy is in force in namespace " + namespace
                    + " (HTTP " + e.getCode() + ": " + message + ")"), false);
        }
    }
}
