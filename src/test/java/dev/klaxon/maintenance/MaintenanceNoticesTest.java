package dev.klaxon.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.api.v1alpha1.NotificationRecord;
import dev.klaxon.notify.NotificationEvent;
import dev.klaxon.notify.NotificationLedger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MaintenanceNoticesTest {

    private static final Instant SUNDAY = Instant.parse("2026-12-06T01:00:00Z");

    @Test
    void eachOccurrenceIsToldOnceAtItsStartAndOnceAtItsEnd() {
        List<NotificationRecord> records = new ArrayList<>();
        MaintenanceNotices.started(records, List.of("ops", "email"), SUNDAY, SUNDAY.plusSeconds(7200), SUNDAY);
        MaintenanceNotices.started(records, List.of("ops", "email"), SUNDAY, SUNDAY.plusSeconds(7200), SUNDAY.plusSeconds(60));
        MaintenanceNotices.ended(records, List.of("ops"), SUNDAY, SUNDAY.plusSeconds(7200), "1 alert(s) it held back …", SUNDAY.plusSeconds(7200));

        assertThat(records).extracting(NotificationRecord::getChannel, NotificationRecord::getEvent).containsExactly(
                org.assertj.core.groups.Tuple.tuple("ops", "maintenance-started-" + SUNDAY.getEpochSecond()),
                org.assertj.core.groups.Tuple.tuple("email", "maintenance-started-" + SUNDAY.getEpochSecond()),
                org.assertj.core.groups.Tuple.tuple("ops", "maintenance-ended-" + SUNDAY.getEpochSecond()));
        assertThat(NotificationEvent.parse(records.get(2).getEvent()))
                .isEqualTo(NotificationEvent.maintenance(NotificationEvent.Kind.MaintenanceEnded, SUNDAY));
        assertThat(records.get(2).getAbout()).startsWith("2026-12-06T03:00:00Z\n1 alert(s)");
    }

    @Test
    void aRecurringWindowKeepsTheRecordsOfItsLastOccurrencesOnly() {
        List<NotificationRecord> records = new ArrayList<>();
        for (int week = 0; week < 10; week++) {
            Instant start = SUNDAY.plusSeconds(week * 7 * 86400L);
            MaintenanceNotices.started(records, List.of("ops"), start, start.plusSeconds(7200), start);
            MaintenanceNotices.ended(records, List.of("ops"), start, start.plusSeconds(7200), "No alert …", start.plusSeconds(7200));
            records.forEach(r -> NotificationLedger.delivered(r, start.plusSeconds(7201), "HTTP 200"));
            MaintenanceNotices.compact(records, java.util.Optional.empty());
        }
        assertThat(records).hasSize(2 * MaintenanceNotices.KEPT_OCCURRENCES);
        assertThat(records.get(records.size() - 1).getEvent()).isEqualTo("maintenance-ended-" + SUNDAY.plusSeconds(9 * 7 * 86400L).getEpochSecond());
    }
}
