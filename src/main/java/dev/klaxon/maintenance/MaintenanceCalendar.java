package dev.klaxon.maintenance;

import dev.klaxon.alerting.Suppressions;
import dev.klaxon.api.v1alpha1.AlertRule;
import dev.klaxon.api.v1alpha1.MaintenanceWindow;
import dev.klaxon.common.KlaxonConfig;
import dev.klaxon.common.WarmCache;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import jakarta.enterprise.context.ApplicationScoped;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The maintenance windows as the alerting engine asks about them: which active window, if any,
 * holds a rule's alert back. Reads the windows' informer (no request per alert) and remembers,
 * per occurrence, that a window held something back, so its status can say so.
 */
@ApplicationScoped
public class MaintenanceCalendar implements Suppressions {

    /** A window read into matchers and a schedule, for one generation of its spec. */
    record Prepared(long generation, WindowMatchers matchers, MaintenanceSchedule schedule, AtomicReference<Known> known) {

        Prepared(long generation, WindowMatchers matchers, MaintenanceSchedule schedule) {
            this(generation, matchers, schedule, new AtomicReference<>());
        }

        /** The occurrence active at {@code now}; worked out again only past the next start or end, not for every alert. */
        Optional<MaintenanceSchedule.Occurrence> currentAt(Instant now) {
            Known last = known.get();
            if (last != null && !now.isBefore(last.from()) && now.isBefore(last.until())) {
                return last.current();
            }
            Optional<MaintenanceSchedule.Occurrence> current = schedule.current(now);
            Instant until = current.map(MaintenanceSchedule.Occurrence::end)
                    .or(() -> schedule.next(now).map(MaintenanceSchedule.Occurrence::start)).orElse(Instant.MAX);
            known.set(new Known(now, until, current));
            return current;
        }
    }

    /** What was current from {@code from} until the next boundary. */
    record Known(Instant from, Instant until, Optional<MaintenanceSchedule.Occurrence> current) {
    }

    private final Clock clock;
    /** Until the windows' informer is surely filled, the API server is asked instead (a restart mid-window pages nobody). */
    private final WarmCache<MaintenanceWindow> windows;
    private final Duration maxLength;
    private final Map<String, Prepared> prepared = new ConcurrentHashMap<>();
    /** Window uid -> the generation that cannot be read (the window is Ready=False and holds nothing back). */
    private final Map<String, Long> unreadable = new ConcurrentHashMap<>();
    /** Window uid -> the start of the occurrence in which it held back an alert. */
    private final Map<String, Instant> matched = new ConcurrentHashMap<>();
    /** Which alerts each window's occurrences held back, for their end notices. */
    private final HeldAlertLog heldAlerts = new HeldAlertLog();
    private volatile Consumer<ResourceID> wake = id -> { };

    public MaintenanceCalendar(Clock clock, KubernetesClient client, KlaxonConfig config) {
        this.clock = clock;
        this.windows = new WarmCache<>(client, MaintenanceWindow.class, dev.klaxon.api.v1alpha1.KlaxonApi.NOT_FINAL, clock);
        this.maxLength = config.maintenance().maxLength();
    }

    /** Called once by the reconciler: where windows are cached, and how to wake one that held something back. */
    void bind(IndexedResourceCache<MaintenanceWindow> cache, Consumer<ResourceID> wake) {
        this.windows.bind(cache);
        this.wake = wake;
    }

    /** The reconciler has seen windows from the informer: it is filled. */
    void seen() {
        windows.seen();
    }

    @Override
    public Optional<Maintenance> of(AlertRule rule, Map<String, String> labels) {
        Instant now = clock.instant();
        String ruleName = rule.getMetadata().getName();
        List<String> services = rule.getSpec().getIncident() != null && rule.getSpec().getIncident().getAffectedServices() != null
                ? rule.getSpec().getIncident().getAffectedServices() : List.of();
        Maintenance held = null;
        for (MaintenanceWindow window : windows.list(rule.getMetadata().getNamespace())) {
            Optional<Prepared> ready = prepare(window);
            if (ready.isEmpty()) {
                continue; // an invalid window holds nothing back (it is Ready=False instead)
            }
            Optional<MaintenanceSchedule.Occurrence> occurrence = ready.get().currentAt(now);
            if (occurrence.isEmpty() || !ready.get().matchers().matches(ruleName, labels, services)) {
                continue;
            }
            String uid = window.getMetadata().getUid();
            if (!occurrence.get().start().equals(matched.put(uid, occurrence.get().start()))) {
                wake.accept(ResourceID.fromResource(window));
            }
            heldAlerts.held(uid, occurrence.get().start(), ruleName + " " + new java.util.TreeMap<>(labels),
                    dev.klaxon.common.KlaxonDurations.parse(rule.getSpec().getInterval()), now);
            // Held until the last of the windows that match it ends.
            if (held == null || occurrence.get().end().isAfter(held.until())) {
                held = new Maintenance(window.getMetadata().getName(), occurrence.get().end());
            }
        }
        return Optional.ofNullable(held);
    }

    /** What the end notice of the occurrence from {@code start} to {@code end} says of the alerts it held back. */
    String stillHeldAt(MaintenanceWindow window, Instant start, Instant end, boolean matched) {
        return heldAlerts.atEnd(window.getMetadata().getUid(), start, end, matched);
    }

    /** Whether the window held back an alert in the occurrence that started at {@code start}. */
    boolean heldSomething(MaintenanceWindow window, Instant start) {
        return start.equals(matched.get(window.getMetadata().getUid()));
    }

    /**
     * The window's matchers and schedule, read once per generation.
     *
     * @throws IllegalArgumentException (a matcher) or {@link MaintenanceSchedule.InvalidSchedule} when they cannot be read
     */
    Prepared read(MaintenanceWindow window) throws MaintenanceSchedule.InvalidSchedule {
        long generation = window.getMetadata().getGeneration() == null ? 0 : window.getMetadata().getGeneration();
        Prepared known = prepared.get(window.getMetadata().getUid());
        if (known != null && known.generation() == generation) {
            return known;
        }
        Prepared fresh = new Prepared(generation, WindowMatchers.of(window.getSpec().getMatchers()), new MaintenanceSchedule(window.getSpec(), maxLength));
        prepared.put(window.getMetadata().getUid(), fresh);
        return fresh;
    }

    /** The window read, or empty when it cannot be (remembered per generation, so it is not read again for every alert). */
    private Optional<Prepared> prepare(MaintenanceWindow window) {
        long generation = window.getMetadata().getGeneration() == null ? 0 : window.getMetadata().getGeneration();
        if (unreadable.getOrDefault(window.getMetadata().getUid(), -1L) == generation) {
            return Optional.empty();
        }
        try {
            return Optional.of(read(window));
        } catch (MaintenanceSchedule.InvalidSchedule | IllegalArgumentException e) {
            unreadable.put(window.getMetadata().getUid(), generation);
            return Optional.empty();
        }
    }

    /** What was known of windows that are gone goes too. */
    void forgetDeleted() {
        if (windows.cache() == null || prepared.size() + matched.size() + unreadable.size() == 0 && heldAlerts.isEmpty()) {
            return;
        }
        java.util.Set<String> live = windows.cached().map(w -> w.getMetadata().getUid()).collect(java.util.stream.Collectors.toSet());
        prepared.keySet().retainAll(live);
        matched.keySet().retainAll(live);
        heldAlerts.retainAll(live);
        unreadable.keySet().retainAll(live);
    }
}
