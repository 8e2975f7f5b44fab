package dev.klaxon.review;

import dev.klaxon.api.v1alpha1.ActionItem;
import dev.klaxon.common.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Which action items are still to do, which are overdue and which are due soon (the guide's queries), with the time passed in. */
public final class ActionItemTracker {

    /** How long before its due date an item's owner is reminded. */
    static final Duration REMINDER = Duration.ofDays(2);

    private ActionItemTracker() {
    }

    /** Open and in-progress items, by priority (P0 first), then due date; of {@code owner} when given. */
    public static List<ActionItem> pending(List<ActionItem> items, Optional<String> owner) {
        return items.stream().filter(i -> i.getStatus().isPending())
                .filter(i -> owner.map(o -> o.equals(i.getOwner())).orElse(true))
                .sorted(Comparator.comparing(ActionItem::getPriority).thenComparing(i -> due(i).orElse(Instant.MAX)))
                .toList();
    }

    /** Open or in progress past the due date. */
    public static boolean isOverdue(ActionItem item, Instant now) {
        return item.getStatus().isPending() && due(item).map(d -> d.isBefore(now)).orElse(false);
    }

    /** Its due date, or empty for one that is no date (a 30 February passes the schema's pattern): such an item is never overdue. */
    public static Optional<Instant> due(ActionItem item) {
        return Timestamps.parseWritten(item.getDueDate());
    }

    /** Open or in progress and due within {@link #REMINDER}, not yet overdue. */
    static boolean isDueSoon(ActionItem item, Instant now) {
        return item.getStatus().isPending() && due(item).map(due -> !due.isBefore(now) && due.isBefore(now.plus(REMINDER))).orElse(false);
    }

    /** When something about these items changes next by the clock alone (a reminder or becoming overdue). */
    static Optional<Instant> nextChange(List<ActionItem> items, Instant now) {
        return items.stream().filter(i -> i.getStatus().isPending()).flatMap(i -> due(i).stream())
                .flatMap(due -> java.util.stream.Stream.of(due.minus(REMINDER), due)).filter(t -> t.isAfter(now)).min(Comparator.naturalOrder());
    }
}
