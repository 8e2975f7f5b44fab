package dev.klaxon.maintenance;

import dev.klaxon.api.v1alpha1.NotificationRecord;
import dev.klaxon.notify.MessageRenderer;
import dev.klaxon.notify.NotificationEvent;
import dev.klaxon.notify.NotificationLedger;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a window tells its channels: that an occurrence started, and that it ended (with the alerts
 * it held back that open their incidents now). Each notice once per occurrence and channel (the
 * ledger's key names the occurrence); only the last few occurrences' records are kept.
 */
final class MaintenanceNotices {

    /** Occurrences whose records a window keeps. */
    static final int KEPT_OCCURRENCES = 3;

    private MaintenanceNotices() {
    }

    /** The notice of a start, for an occurrence in force now. */
    static void started(List<NotificationRecord> records, List<String> channels, Instant start, Instant end, Instant now) {
        String about = MessageRenderer.maintenanceAbout(end, "");
        channels.forEach(channel -> NotificationLedger.request(records, channel,
                NotificationEvent.maintenance(NotificationEvent.Kind.MaintenanceStarted, start).key(), about, now));
    }

    /** The notice of an end, saying what became of the alerts it held back. */
    static void ended(List<NotificationRecord> records, List<String> channels, Instant start, Instant end, String held, Instant now) {
        String about = MessageRenderer.maintenanceAbout(end, held);
        channels.forEach(channel -> NotificationLedger.request(records, channel,
                NotificationEvent.maintenance(NotificationEvent.Kind.MaintenanceEnded, start).key(), about, now));
    }

    /** Drops the settled records of all but the current and the newest {@link #KEPT_OCCURRENCES} occurrences. */
    static void compact(List<NotificationRecord> records, java.util.Optional<Instant> current) {
        TreeSet<Long> occurrences = new TreeSet<>();
        records.forEach(r -> occurrences.add(occurrenceOf(r)));
        Set<Long> kept = occurrences.descendingSet().stream().limit(KEPT_OCCURRENCES).collect(java.util.stream.Collectors.toSet());
        current.ifPresent(start -> kept.add(start.getEpochSecond()));
        records.removeIf(r -> !kept.contains(occurrenceOf(r)) && NotificationLedger.settled(List.of(r)));
    }

    private static long occurrenceOf(NotificationRecord record) {
        try {
            return Long.parseLong(NotificationEvent.parse(record.getEvent()).detail());
        } catch (NumberFormatException e) {
            return Long.MIN_VALUE; // not a key this class wrote: the first to go
        }
    }
}
