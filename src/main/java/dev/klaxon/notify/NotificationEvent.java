package dev.klaxon.notify;

import dev.klaxon.api.v1alpha1.IncidentStatus;

/**
 * What a notification announces, and its key in the incident's ledger ({@code status.notifications[].event},
 * unique per channel). Keys of the first round are those Klaxon always wrote ({@code escalation-<policy>-<repeat>-<level>},
 * {@code executives}, {@code acknowledged}, {@code resolved}, {@code customer-started}, {@code customer-update-<n>},
 * {@code customer-resolved}); a reopened incident's later rounds add {@code @<round>}, so each round is told afresh.
 */
public record NotificationEvent(Kind kind, String detail, int round) {

    /** The kinds, each with the built-in template it is rendered with. */
    public enum Kind {
        Page("alert"), Executives("executives"), Acknowledged("acknowledged"), Reopened("reopened"), Resolved("resolved"),
        CustomerStarted("customer-started"), CustomerUpdate("customer-update"), CustomerResolved("customer-resolved"),
        /** Of a post-incident review: an action item is due soon, or overdue (detail: the item's id). */
        ActionItemDueSoon("action-item-due-soon"), ActionItemOverdue("action-item-overdue"),
        /** Of a maintenance window: an occurrence started, or ended (detail: its start, in epoch seconds). */
        MaintenanceStarted("maintenance-started"), MaintenanceEnded("maintenance-ended"),
        /** To a status page subscriber: the link that confirms it; then each public update of the page (detail: the update's id). */
        SubscriptionConfirm("subscription-confirm"), SubscriberUpdate("subscriber-update");

        private final String template;

        Kind(String template) {
            this.template = template;
        }

        /** Whether it is one of the notices customers hear (only what people posted publicly). */
        public boolean isForCustomers() {
            return this == CustomerStarted || this == CustomerUpdate || this == CustomerResolved;
        }

        /** Whether it is a review's notice about an action item (not about an incident). */
        public boolean isAboutActionItem() {
            return this == ActionItemDueSoon || this == ActionItemOverdue;
        }

        /** Whether it is a maintenance window's notice (not about an incident). */
        public boolean isAboutMaintenance() {
            return this == MaintenanceStarted || this == MaintenanceEnded;
        }

        /** Whether it is a status page subscriber's notice. */
        public boolean isAboutSubscription() {
            return this == SubscriptionConfirm || this == SubscriberUpdate;
        }

        /** Whether it is about an incident: only those may page (PagerDuty) or reach customers. */
        public boolean isAboutIncident() {
            return !isAboutActionItem() && !isAboutMaintenance() && !isAboutSubscription();
        }

        /** What the facts a webhook receives describe: "incident", "actionItem", "maintenance" or "subscription". */
        public String subject() {
            return isAboutActionItem() ? "actionItem" : isAboutMaintenance() ? "maintenance" : isAboutSubscription() ? "subscription" : "incident";
        }

        /** The built-in template's name, also the {@code kind} a message carries. */
        public String template() {
            return template;
        }
    }

    private static final String PAGE_PREFIX = "escalation-";
    private static final String UPDATE_PREFIX = "customer-update-";

    public NotificationEvent {
        if (round < 1) {
            throw new IllegalArgumentException("round " + round);
        }
    }

    public static NotificationEvent of(Kind kind, int round) {
        return new NotificationEvent(kind, "", round);
    }

    /** A level of an escalation policy (or its repeat), as the escalation names it. */
    public static NotificationEvent page(String policy, int repeat, int level) {
        return new NotificationEvent(Kind.Page, policy + "-" + repeat + "-" + level, 1);
    }

    /** Where a page stands in its policy: the policy, the repeat and the level its key names. */
    public record PageStep(String policy, int repeat, int level) {
    }

    /** The policy, repeat and level of a page ({@code escalation-<policy>-<repeat>-<level>}); empty for any other notice. */
    public java.util.Optional<PageStep> pageStep() {
        if (kind != Kind.Page) {
            return java.util.Optional.empty();
        }
        int levelAt = detail.lastIndexOf('-');
        int repeatAt = levelAt > 0 ? detail.lastIndexOf('-', levelAt - 1) : -1;
        if (repeatAt <= 0) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(new PageStep(detail.substring(0, repeatAt), Integer.parseInt(detail.substring(repeatAt + 1, levelAt)),
                    Integer.parseInt(detail.substring(levelAt + 1))));
        } catch (NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }

    /** A review's notice about one action item. */
    public static NotificationEvent actionItem(Kind kind, String itemId) {
        if (!kind.isAboutActionItem()) {
            throw new IllegalArgumentException(kind + " is not about an action item");
        }
        return new NotificationEvent(kind, itemId, 1);
    }

    /** A maintenance window's notice about the occurrence that starts at {@code occurrenceStart}. */
    public static NotificationEvent maintenance(Kind kind, java.time.Instant occurrenceStart) {
        if (!kind.isAboutMaintenance()) {
            throw new IllegalArgumentException(kind + " is not about maintenance");
        }
        return new NotificationEvent(kind, String.valueOf(occurrenceStart.getEpochSecond()), 1);
    }

    /** A subscriber's notice of one public update of its page. */
    public static NotificationEvent subscriberUpdate(String updateId) {
        return new NotificationEvent(Kind.SubscriberUpdate, updateId, 1);
    }

    public static NotificationEvent customerUpdate(int index) {
        return new NotificationEvent(Kind.CustomerUpdate, String.valueOf(index), 1);
    }

    /** The incident's response round (1 until it is reopened), which later rounds' keys carry. */
    public static int roundOf(IncidentStatus status) {
        return status.getRound() == null ? 1 : status.getRound();
    }

    public NotificationEvent inRound(int round) {
        return new NotificationEvent(kind, detail, round);
    }

    public String key() {
        String base = switch (kind) {
            case Page -> PAGE_PREFIX + detail;
            case CustomerUpdate -> UPDATE_PREFIX + detail;
            case ActionItemDueSoon, ActionItemOverdue, MaintenanceStarted, MaintenanceEnded, SubscriberUpdate -> kind.template() + "-" + detail;
            default -> kind.template();
        };
        return round > 1 ? base + "@" + round : base;
    }

    /** Reads a ledger key back; an unknown one (written by a newer version) is a page, the safest reading. */
    public static NotificationEvent parse(String key) {
        int at = key.lastIndexOf('@');
        int round = 1;
        String base = key;
        if (at > 0) {
            try {
                round = Math.max(1, Integer.parseInt(key.substring(at + 1)));
                base = key.substring(0, at);
            } catch (NumberFormatException e) {
                round = 1;
            }
        }
        if (base.startsWith(PAGE_PREFIX)) {
            return new NotificationEvent(Kind.Page, base.substring(PAGE_PREFIX.length()), round);
        }
        if (base.startsWith(UPDATE_PREFIX)) {
            return new NotificationEvent(Kind.CustomerUpdate, base.substring(UPDATE_PREFIX.length()), round);
        }
        for (Kind kind : new Kind[] {Kind.ActionItemDueSoon, Kind.ActionItemOverdue, Kind.MaintenanceStarted, Kind.MaintenanceEnded,
            Kind.SubscriberUpdate}) {
            if (base.startsWith(kind.template() + "-")) {
                return new NotificationEvent(kind, base.substring(kind.template().length() + 1), round);
            }
        }
        for (Kind kind : Kind.values()) {
            if (kind != Kind.Page && kind != Kind.CustomerUpdate && kind.template().equals(base)) {
                return new NotificationEvent(kind, "", round);
            }
        }
        return new NotificationEvent(Kind.Page, base, round);
    }

    @Override
    public String toString() {
        return key();
    }
}
