package dev.klaxon.escalation;

import dev.klaxon.api.v1alpha1.EscalationLevel;
import dev.klaxon.api.v1alpha1.EscalationPolicySpec;
import dev.klaxon.api.v1alpha1.NotificationRecord;
import dev.klaxon.notify.NotificationEvent;
import dev.klaxon.notify.NotificationLedger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What happens to a page a channel could not deliver: the level's fallback channels get it (once
 * each, through the incident's ledger), and a page that reached no channel at all is named, so
 * the incident can say so. Plain: the ledger and the policy are passed in.
 */
public final class PageFallbacks {

    /**
     * @param fellBack    what was asked of the fallbacks, in words, for the timeline
     * @param undelivered the current round's pages that reached no channel, in words
     */
    public record Result(List<String> fellBack, List<String> undelivered) {
    }

    private PageFallbacks() {
    }

    /**
     * @param forCustomers channels that hear only customer notices (never a page, also as a fallback)
     */
    public static Result request(List<NotificationRecord> records, String policyName, EscalationPolicySpec policy, int round,
            Predicate<String> forCustomers, Instant now) {
        List<String> fellBack = new ArrayList<>();
        List<String> undelivered = new ArrayList<>();
        Set<String> events = new LinkedHashSet<>();
        for (NotificationRecord record : records) {
            NotificationEvent event = NotificationEvent.parse(record.getEvent());
            if (event.round() == round && event.pageStep().map(step -> step.policy().equals(policyName)).orElse(false)) {
                events.add(record.getEvent());
            }
        }
        for (String event : events) {
            List<NotificationRecord> pages = records.stream().filter(r -> event.equals(r.getEvent())).toList();
            List<String> failed = pages.stream().filter(r -> r.getOutcome() == NotificationRecord.Outcome.Failed).map(NotificationRecord::getChannel).toList();
            if (failed.isEmpty()) {
                continue;
            }
            Optional<EscalationLevel> level = level(policy, event);
            NotificationRecord first = pages.get(0);
            for (String fallback : level.map(EscalationLevel::getFallbackChannels).orElse(List.of())) {
                if (!forCustomers.test(fallback) && NotificationLedger.request(records, fallback, event,
                        first.getAbout() + " (falling back: " + String.join(", ", failed) + " could not deliver it)",
                        first.getRecipients() == null ? List.of() : first.getRecipients(), now)) {
                    fellBack.add("The page " + event + " could not be delivered via " + String.join(", ", failed) + ": it goes via " + fallback);
                }
            }
            boolean reachedNobody = records.stream().filter(r -> event.equals(r.getEvent()))
                    .allMatch(r -> r.getOutcome() == NotificationRecord.Outcome.Failed);
            if (reachedNobody) {
                undelivered.add("the page " + event + " reached no channel (" + String.join(", ", failed) + " failed"
                        + (level.map(EscalationLevel::getFallbackChannels).orElse(List.of()).isEmpty() ? ", and its level names no fallbackChannels)" : ")"));
            }
        }
        return new Result(fellBack, undelivered);
    }

    /** The level of the policy a page key names. */
    private static Optional<EscalationLevel> level(EscalationPolicySpec policy, String event) {
        return NotificationEvent.parse(event).pageStep().map(NotificationEvent.PageStep::level)
                .filter(level -> level >= 1 && level <= policy.getLevels().size()).map(level -> policy.getLevels().get(level - 1));
    }
}
