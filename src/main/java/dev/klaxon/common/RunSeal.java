package dev.klaxon.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.klaxon.api.v1alpha1.PlaybookRunStatus;
import dev.klaxon.api.v1alpha1.PlaybookSpec;
import dev.klaxon.api.v1alpha1.RunTransition;
import dev.klaxon.api.v1alpha1.StepApproval;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The operator's signature on a run's status: an HMAC of what the run executes (its frozen
 * playbook), the Jobs it created (names and UIDs), each step's phase and approver, and the
 * recorded moves. Status is the operator's to write (the chart's policy), and this is the second
 * lock: whoever changes status some other way cannot compute a matching seal without the key,
 * which only the operator holds, so the operator sees the change and stops the run.
 *
 * <p>The sealed content is a canonical JSON form (sorted keys; nulls and empty lists or objects
 * left out), so a status that went through the API server and back seals the same.
 */
public final class RunSeal {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private RunSeal() {
    }

    /** What the run's status is sealed with, for the run of this UID. */
    public static String of(OperatorKey key, String runUid, PlaybookRunStatus status) {
        return key.sign(canonical(runUid, status));
    }

    /**
     * Whether the status is as the operator last wrote it. A run that has not started yet has
     * nothing sealed; a started one (or a seal without a start) must match.
     */
    public static boolean holds(OperatorKey key, String runUid, PlaybookRunStatus status) {
        boolean started = status.getPlaybook() != null || status.getStartedAt() != null || !status.getSteps().isEmpty();
        if (status.getSeal() == null) {
            return !started;
        }
        return key.verify(canonical(runUid, status), status.getSeal());
    }

    /** The sealed facts, each run's own (its UID), in a form that survives a round trip through the API server. */
    static String canonical(String runUid, PlaybookRunStatus status) {
        List<Step> steps = status.getSteps().stream().map(s -> new Step(s.getName(), s.getPhase() == null ? null : s.getPhase().name(),
                s.getJob(), s.getJobUid(), s.getRollbackJob(), s.getRollbackJobUid(), s.getApprovedBy(), s.getStartedAt())).toList();
        Sealed sealed = new Sealed(runUid, status.getPlaybook(), status.getPlaybookGeneration(), status.getStartedAt(),
                status.getPhase() == null ? null : status.getPhase().name(), status.getApprovalsBeforeStart(), steps,
                status.getTransitions());
        try {
            return JSON.writeValueAsString(normalize(JSON.valueToTree(sealed)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a run's status always serializes", e);
        }
    }

    /** Sorted keys; null, empty lists and empty objects dropped (the API server keeps some and drops others). */
    private static Object normalize(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> fields = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                Object value = normalize(field.getValue());
                if (value != null) {
                    fields.put(field.getKey(), value);
                }
            }
            return fields.isEmpty() ? null : fields;
        }
        if (node.isArray()) {
            List<Object> items = new ArrayList<>();
            node.forEach(item -> items.add(normalize(item)));
            return items.isEmpty() ? null : items;
        }
        return node.isNull() ? null : node;
    }

    private record Sealed(String run, PlaybookSpec playbook, Long playbookGeneration, String startedAt, String phase,
            List<StepApproval> approvalsBeforeStart, List<Step> steps, List<RunTransition> transitions) {
    }

    private record Step(String name, String phase, String job, String jobUid, String rollbackJob, String rollbackJobUid,
            String approvedBy, String startedAt) {
    }
}
