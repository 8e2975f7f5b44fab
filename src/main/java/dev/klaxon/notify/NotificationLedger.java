package dev.klaxon.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.klaxon.api.v1alpha1.NotificationRecord;
import dev.klaxon.api.v1alpha1.NotificationRecord.Outcome;
import dev.klaxon.common.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The notifications of one incident, kept in its status: one record per (channel, event), so a
 * message is requested once however often the incident is reconciled, and a Delivered one is
 * never sent again, also after an operator restart. Failed attempts are retried with
 * exponential backoff until the attempts run out. Plain, with the time passed in.
 */
public final class NotificationLedger {

    /**
     * What the ledger may take of the incident's status. Each reopening adds a round of records,
     * so an incident reopened a thousand times (by a flapping alert, or a tenant writing its phase)
     * once grew a ledger larger than etcd accepts; then no status write succeeds and escalation stops.
     */
    public static final int MAX_LISTED_BYTES = 128 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    static final int MAX_ATTEMPTS = 8;
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

    private NotificationLedger() {
    }

    /** Adds a Pending record for the event on the channel unless there is one; true when added. */
    public static boolean request(List<NotificationRecord> records, String channel, String event, String about, Instant now) {
        return request(records, channel, event, about, List.of(), now);
    }

    /** {@link #request(List, String, String, String, Instant)} for a page to the people named, who get links of their own in it. */
    public static boolean request(List<NotificationRecord> records, String channel, String event, String about, List<String> recipients,
            Instant now) {
        if (find(records, channel, event).isPresent()) {
            return false;
        }
        NotificationRecord record = new NotificationRecord();
        record.setChannel(channel);
        record.setEvent(event);
        record.setAbout(about);
        record.setRecipients(recipients.isEmpty() ? null : List.copyOf(recipients));
        record.setOutcome(Outcome.Pending);
        record.setAttempts(0);
        record.setRequestedAt(Timestamps.format(now));
        record.setNextAttemptAt(Timestamps.format(now));
        records.add(record);
        return true;
    }

    public static Optional<NotificationRecord> find(List<NotificationRecord> records, String channel, String event) {
        return records.stream().filter(r -> channel.equals(r.getChannel()) && event.equals(r.getEvent())).findFirst();
    }

    /** Channels that were told about the incident: they hear how it goes on (acknowledged, resolved). */
    public static Set<String> informed(List<NotificationRecord> records) {
        Set<String> channels = new LinkedHashSet<>();
        // A channel that heard only customer notices was never told anything internal: not even
        // when its audience later changes to Internal does it get the internal follow-ups.
        records.stream().filter(r -> r.getOutcome() == Outcome.Pending || r.getOutcome() == Outcome.Sending
                        || r.getOutcome() == Outcome.Delivered)
                .filter(r -> !NotificationEvent.parse(r.getEvent()).kind().isForCustomers())
                .forEach(r -> channels.add(r.getChannel()));
        return channels;
    }

    /**
     * Records whose attempt is due: per channel only the oldest Pending one, and none while the
     * channel has one Sending, so a channel never hears "resolved" before the alert it is retrying.
     */
    public static List<NotificationRecord> due(List<NotificationRecord> records, Instant now) {
        Set<String> waiting = new LinkedHashSet<>();
        List<NotificationRecord> due = new ArrayList<>();
        for (NotificationRecord record : records) {
            boolean unfinished = record.getOutcome() == Outcome.Pending || record.getOutcome() == Outcome.Sending;
            if (!unfinished || !waiting.add(record.getChannel()) || record.getOutcome() == Outcome.Sending) {
                continue;
            }
            if (!Timestamps.parse(record.getNextAttemptAt()).isAfter(now)) {
                due.add(record);
            }
        }
        return due;
    }

    /** Pages still Pending when the incident is acknowledged or resolved are not sent any more. */
    public static void dropPendingPages(List<NotificationRecord> records, Instant now, String why) {
        for (NotificationRecord record : records) {
            if (record.getOutcome() == Outcome.Pending && NotificationEvent.parse(record.getEvent()).kind() == NotificationEvent.Kind.Page) {
                record.setOutcome(Outcome.Dropped);
                record.setTime(Timestamps.format(now));
                record.setMessage("not sent: " + why + " before it was delivered");
                record.setNextAttemptAt(null);
            }
        }
    }

    /** The record was handed to delivery: written before the send, so a failed status write never sends it twice. */
    public static void sending(NotificationRecord record, Instant now) {
        record.setOutcome(Outcome.Sending);
        record.setTime(Timestamps.format(now));
        record.setNextAttemptAt(null);
    }

    /** Records handed to delivery whose outcome is not recorded yet. */
    public static List<NotificationRecord> sending(List<NotificationRecord> records) {
        return records.stream().filter(r -> r.getOutcome() == Outcome.Sending).toList();
    }

    public static void delivered(NotificationRecord record, Instant now, String answer) {
        record.setAttempts(record.getAttempts() + 1);
        record.setOutcome(Outcome.Delivered);
        record.setTime(Timestamps.format(now));
        record.setMessage(answer);
        record.setNextAttemptAt(null);
    }

    /** Counts a failed attempt; true when it was the last one and the record is now Failed. */
    public static boolean failed(NotificationRecord record, Instant now, String error) {
        int attempts = record.getAttempts() + 1;
        record.setAttempts(attempts);
        record.setTime(Timestamps.format(now));
        record.setMessage(error);
        if (attempts >= MAX_ATTEMPTS) {
            record.setOutcome(Outcome.Failed);
            record.setNextAttemptAt(null);
            return true;
        }
        // Back to Pending: the next attempt waits for its backoff (and the channel's rate limit).
        record.setOutcome(Outcome.Pending);
        record.setNextAttemptAt(Timestamps.format(now.plus(backoff(attempts))));
        return false;
    }

    /** A permanent failure (say, HTTP 404): no point in further attempts. */
    public static void abandon(NotificationRecord record, Instant now, String error) {
        record.setAttempts(record.getAttempts() + 1);
        record.setTime(Timestamps.format(now));
        record.setMessage(error);
        record.setOutcome(Outcome.Failed);
        record.setNextAttemptAt(null);
    }

    /** Not attempted now (the channel's rate limit): try again then, without counting an attempt. */
    public static void deferred(NotificationRecord record, Instant until) {
        // Rounded up: status keeps whole seconds, and rounding down would wake us before the slot frees.
        Instant whole = until.truncatedTo(ChronoUnit.SECONDS);
        record.setNextAttemptAt(Timestamps.format(whole.equals(until) ? whole : whole.plusSeconds(1)));
    }

    /** 1 s after the first failure, doubling, at most 5 minutes. */
    static Duration backoff(int attempts) {
        Duration wait = FIRST_BACKOFF.multipliedBy(1L << Math.min(attempts - 1, 20));
        return wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait;
    }

    /** Whether nothing is left to send: every record delivered or given up (its owner may become final). */
    public static boolean settled(List<NotificationRecord> records) {
        return records == null || records.stream().noneMatch(r -> r.getOutcome() == Outcome.Pending || r.getOutcome() == Outcome.Sending);
    }

    public static Optional<Instant> nextAttempt(List<NotificationRecord> records) {
        return records.stream().filter(r -> r.getOutcome() == Outcome.Pending && r.getNextAttemptAt() != null)
                .map(r -> Timestamps.parse(r.getNextAttemptAt())).min(Instant::compareTo);
    }

    /**
     * While the ledger takes more than {@code maxBytes}, drops settled records of the incident's
     * earlier rounds, oldest first, and returns how many it dropped. Only those can go: a
     * later round never asks for them again, while a record of the current round, a customer
     * notice or anything still to send is what keeps a message from going out twice. A channel
     * told only in a dropped round is not told how the incident ends.
     */
    public static int compact(List<NotificationRecord> records, int currentRound, long maxBytes) {
        long bytes = size(records);
        int dropped = 0;
        for (Iterator<NotificationRecord> it = records.iterator(); it.hasNext() && bytes > maxBytes;) {
            NotificationRecord record = it.next();
            NotificationEvent event = NotificationEvent.parse(record.getEvent());
            boolean settled = record.getOutcome() != Outcome.Pending && record.getOutcome() != Outcome.Sending;
            if (settled && event.round() < currentRound && !event.kind().isForCustomers() && !event.kind().isAboutActionItem()) {
                it.remove();
                bytes -= size(record) + 1;
                dropped++;
            }
        }
        return dropped;
    }

    private static long size(Object value) {
        try {
            return JSON.writeValueAsBytes(value).length;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
