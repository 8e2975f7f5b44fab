package dev.klaxon.maintenance;

import dev.klaxon.common.Text;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Collectors;

/**
 * Which alerts each window's occurrences held back, and until when each surely still fired (its
 * rule asked about it then, and asks again within its interval): what a window's end notice says.
 * Per window, the last two occurrences (back-to-back ones overlap at their boundary), at most
 * {@link #MAX_KEPT} alerts each; in memory only, so after a restart it says it does not know.
 */
final class HeldAlertLog {

    /** Alerts named in an end notice; the rest are counted. */
    static final int MAX_LISTED = 20;
    /** Alerts remembered per occurrence; past it, those that stopped firing make room, else it counts "at least". */
    static final int MAX_KEPT = 100;
    /** An alert asked about within this (or two of its rule's intervals, if longer) still fired. */
    static final Duration STILL_FIRING = Duration.ofMinutes(5);

    /** Window uid -> occurrence start (epoch seconds) -> alert -> until when it surely still fired. */
    private final Map<String, ConcurrentSkipListMap<Long, Map<String, Instant>>> windows = new ConcurrentHashMap<>();
    private final Map<String, Boolean> overflowed = new ConcurrentHashMap<>();

    /** The window held back {@code alert} of a rule evaluated every {@code interval}, at {@code now}. */
    void held(String uid, Instant start, String alert, Duration interval, Instant now) {
        ConcurrentSkipListMap<Long, Map<String, Instant>> occurrences = windows.computeIfAbsent(uid, k -> new ConcurrentSkipListMap<>());
        Map<String, Instant> alerts = occurrences.computeIfAbsent(start.getEpochSecond(), k -> new ConcurrentHashMap<>());
        while (occurrences.size() > 2) {
            occurrences.pollFirstEntry();
        }
        String key = Text.truncate(alert, 300);
        Instant until = now.plus(interval.multipliedBy(2).compareTo(STILL_FIRING) > 0 ? interval.multipliedBy(2) : STILL_FIRING);
        if (!alerts.containsKey(key) && alerts.size() >= MAX_KEPT) {
            alerts.values().removeIf(stillFiring -> stillFiring.isBefore(now));
        }
        if (alerts.containsKey(key) || alerts.size() < MAX_KEPT) {
            alerts.put(key, until);
        } else {
            overflowed.put(uid + "/" + start.getEpochSecond(), true);
        }
    }

    /**
     * The end notice's words on what the occurrence from {@code start} to {@code end} held back:
     * the alerts that still fired as it ended, which it no longer holds (they open their incidents
     * now unless something else holds them).
     *
     * @param matched whether the window's status says it held anything back in this occurrence
     */
    String atEnd(String uid, Instant start, Instant end, boolean matched) {
        Map<String, Instant> alerts = windows.getOrDefault(uid, new ConcurrentSkipListMap<>()).get(start.getEpochSecond());
        if (alerts == null) {
            return matched ? "It held back alerts; which still fire is not known here (the operator restarted): their rules open their "
                    + "incidents at their next evaluation if they do." : "It held back no alert.";
        }
        List<String> firing = alerts.entrySet().stream().filter(e -> !e.getValue().isBefore(end)).map(Map.Entry::getKey).sorted().toList();
        boolean more = overflowed.containsKey(uid + "/" + start.getEpochSecond());
        if (firing.isEmpty() && !more) {
            return "No alert it held back fired in its last minutes.";
        }
        return (more ? "At least " : "") + firing.size() + " alert(s) it held back still fired as it ended; it no longer holds them, so "
                + "they open their incidents and page now unless something else holds them: "
                + firing.stream().limit(MAX_LISTED).collect(Collectors.joining("; "))
                + (firing.size() > MAX_LISTED ? " (and " + (firing.size() - MAX_LISTED) + " more)" : "");
    }

    /** What was known of windows that are gone goes too. */
    void retainAll(java.util.Set<String> live) {
        windows.keySet().retainAll(live);
        overflowed.keySet().removeIf(k -> !live.contains(k.substring(0, k.lastIndexOf('/'))));
    }

    boolean isEmpty() {
        return windows.isEmpty();
    }
}
