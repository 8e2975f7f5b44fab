package dev.klaxon.review;

import dev.klaxon.api.v1alpha1.ActionItem;
import dev.klaxon.api.v1alpha1.EventReason;
import dev.klaxon.api.v1alpha1.NotificationRecord;
import dev.klaxon.api.v1alpha1.PostIncidentReviewStatus;
import dev.klaxon.notify.NotificationEvent;
import dev.klaxon.notify.NotificationLedger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a review's action items owe people at this moment: an item that becomes overdue is warned
 * about once, one that is due soon is reminded about once, each as an Event and as a message to
 * every channel of the review. Plain, with the time passed in; the status lists remember what was
 * said, so a restart or a later reconcile never says it again.
 */
final class ActionItemFollowUp {

    /** One thing to say about an item (the Event's reason and message). */
    record Notice(NotificationEvent.Kind kind, ActionItem item) {

        boolean isWarning() {
            return kind == NotificationEvent.Kind.ActionItemOverdue;
        }

        EventReason reason() {
            return isWarning() ? EventReason.ActionItemOverdue : EventReason.ActionItemDueSoon;
        }

        String message() {
            return isWarning()
                    ? item.getId() + " (" + item.getPriority() + ", " + item.getOwner() + ") was due " + item.getDueDate() + ": " + item.getTitle()
                    : item.getId() + " (" + item.getOwner() + ") is due " + item.getDueDate() + ": " + item.getTitle();
        }
    }

    private ActionItemFollowUp() {
    }

    /**
     * Updates the counts, the overdue list, what was said and the notification records in
     * {@code status}; returns the notices that are new now.
     *
     * @param channels the review's channels that may hear about action items
     */
    static List<Notice> follow(List<ActionItem> items, List<String> channels, PostIncidentReviewStatus status, Instant now) {
        status.setOpenActionItems((int) items.stream().filter(i -> i.getStatus().isPending()).count());
        List<String> overdue = items.stream().filter(i -> ActionItemTracker.isOverdue(i, now)).map(ActionItem::getId).toList();
        status.setOverdue(overdue.isEmpty() ? null : overdue);
        status.setOverdueActionItems(overdue.size());
        List<String> warned = new ArrayList<>(status.getOverdueWarned() == null ? List.of() : status.getOverdueWarned());
        List<String> reminded = new ArrayList<>(status.getReminded() == null ? List.of() : status.getReminded());
        List<NotificationRecord> records = new ArrayList<>(status.getNotifications() == null ? List.of() : status.getNotifications());
        List<Notice> notices = new ArrayList<>();
        for (ActionItem item : items) {
            if (ActionItemTracker.isOverdue(item, now) && !warned.contains(item.getId())) {
                warned.add(item.getId());
                notices.add(new Notice(NotificationEvent.Kind.ActionItemOverdue, item));
            } else if (ActionItemTracker.isDueSoon(item, now) && !reminded.contains(item.getId())) {
                reminded.add(item.getId());
                notices.add(new Notice(NotificationEvent.Kind.ActionItemDueSoon, item));
            }
        }
        for (Notice notice : notices) {
            String event = NotificationEvent.actionItem(notice.kind(), notice.item().getId()).key();
            channels.forEach(channel -> NotificationLedger.request(records, channel, event, notice.item().getId(), now));
        }
        // Items removed from the review leave the lists, and the records of items no longer to do go: the status
        // stays bounded by spec.actionItems (at most 100) times spec.channels (at most 5) times two notices.
        List<String> ids = items.stream().map(ActionItem::getId).toList();
        Set<String> pending = items.stream().filter(i -> i.getStatus().isPending()).map(ActionItem::getId).collect(Collectors.toSet());
        warned.retainAll(ids);
        reminded.retainAll(ids);
        records.removeIf(r -> !pending.contains(r.getAbout()));
        status.setOverdueWarned(warned.isEmpty() ? null : warned);
        status.setReminded(reminded.isEmpty() ? null : reminded);
        status.setNotifications(records.isEmpty() ? null : records);
        return notices;
    }
}
