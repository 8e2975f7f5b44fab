package dev.klaxon.escalation;

import dev.klaxon.api.v1alpha1.OnCallScheduleSpec;
import dev.klaxon.api.v1alpha1.RotationLayer;
import dev.klaxon.api.v1alpha1.ScheduleOverride;
import dev.klaxon.api.v1alpha1.TimeRestriction;
import dev.klaxon.common.KlaxonDurations;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Who is on call at an instant, from a schedule: the latest override covering it, else the
 * highest (last) layer that has someone then. Shift boundaries and restrictions are local times
 * in the schedule's zone, so "09:00" stays 09:00 across daylight-saving changes; whole-day
 * rotations advance by calendar days, other lengths by exact durations.
 */
public final class OnCallResolver {

    /** Who is on call (null: nobody) and why. */
    public record OnCall(String user, String source) {
        static final OnCall NOBODY = new OnCall(null, null);
    }

    /** The next moment the person on call changes, and who it is then. */
    public record Handoff(Instant at, OnCall next) {
    }

    /** A stretch of time with one answer. */
    public record Stretch(OnCall onCall, Instant start, Instant end) {
    }

    private static final Duration HORIZON = Duration.ofDays(366);
    /** Bounds the search for the next hand-off (a one-person layer has boundaries, but no hand-offs). */
    private static final int MAX_BOUNDARIES = 5_000;

    private final ZoneId zone;
    private final List<Layer> layers = new ArrayList<>();
    private final List<Override> overrides = new ArrayList<>();

    private record Layer(RotationLayer spec, ZonedDateTime first, LocalDate startDate, LocalTime handoff, int days, Duration exact,
                         ZoneId zone) {
        /**
         * Start of shift k: whole-day rotations at the local hand-off time of that day (computed
         * from the date, so a first day whose hand-off falls in a skipped hour does not shift every
         * later one); exact lengths from the first hand-off.
         */
        ZonedDateTime shiftStart(long k) {
            return days > 0 ? ZonedDateTime.of(startDate.plusDays(k * days), handoff, zone) : first.plus(exact.multipliedBy(k));
        }

        long length() {
            return days > 0 ? Duration.ofDays(days).toSeconds() : exact.toSeconds();
        }
    }

    private record Override(String user, Instant start, Instant end) {
    }

    /** @throws IllegalArgumentException naming the field, for what the CRD schema cannot check */
    public OnCallResolver(OnCallScheduleSpec spec) {
        try {
            zone = ZoneId.of(spec.getTimeZone());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("spec.timeZone " + spec.getTimeZone() + " is not an IANA time zone (e.g. Europe/Berlin)");
        }
        for (int i = 0; i < spec.getLayers().size(); i++) {
            RotationLayer layer = spec.getLayers().get(i);
            String at = "spec.layers[" + i + "] (" + layer.getName() + ")";
            ZonedDateTime first;
            try {
                first = ZonedDateTime.of(LocalDate.parse(layer.getStart()), LocalTime.parse(handoff(layer)), zone);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(at + ".start " + layer.getStart() + " is not a date (YYYY-MM-DD)");
            }
            Duration length = switch (layer.getRotation() == null ? RotationLayer.Rotation.Weekly : layer.getRotation()) {
                case Daily -> Duration.ofDays(1);
                case Weekly -> Duration.ofDays(7);
                case Custom -> KlaxonDurations.parse(Objects.requireNonNull(layer.getLength(), at + ".length is required"));
            };
            if (length.compareTo(Duration.ofHours(1)) < 0) {
                throw new IllegalArgumentException(at + ".length " + layer.getLength() + ": shifts must last at least 1h");
            }
            boolean wholeDays = length.toSeconds() % Duration.ofDays(1).toSeconds() == 0;
            layers.add(new Layer(layer, first, LocalDate.parse(layer.getStart()), LocalTime.parse(handoff(layer)),
                    wholeDays ? (int) length.toDays() : 0, wholeDays ? null : length, zone));
        }
        if (spec.getOverrides() != null) {
            for (int i = 0; i < spec.getOverrides().size(); i++) {
                ScheduleOverride override = spec.getOverrides().get(i);
                try {
                    overrides.add(new Override(override.getUser(), OffsetDateTime.parse(override.getStart()).toInstant(),
                            OffsetDateTime.parse(override.getEnd()).toInstant()));
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException("spec.overrides[" + i + "]: start and end must be RFC 3339 times");
                }
            }
        }
    }

    private static String handoff(RotationLayer layer) {
        return layer.getHandoffTime() == null ? "09:00" : layer.getHandoffTime();
    }

    public OnCall at(Instant t) {
        for (int i = overrides.size() - 1; i >= 0; i--) {
            Override override = overrides.get(i);
            if (!t.isBefore(override.start()) && t.isBefore(override.end())) {
                return new OnCall(override.user(), "override");
            }
        }
        for (int i = layers.size() - 1; i >= 0; i--) {
            Optional<String> user = onCall(layers.get(i), t);
            if (user.isPresent()) {
                return new OnCall(user.get(), "layer " + layers.get(i).spec().getName());
            }
        }
        return OnCall.NOBODY;
    }

    /** The next change of person after {@code t}, within a year. */
    public Optional<Handoff> nextHandoff(Instant t) {
        String now = at(t).user();
        Instant cursor = t;
        Instant horizon = t.plus(HORIZON);
        for (int i = 0; i < MAX_BOUNDARIES && cursor.isBefore(horizon); i++) {
            Optional<Instant> boundary = nextBoundary(cursor);
            if (boundary.isEmpty()) {
                return Optional.empty();
            }
            cursor = boundary.get();
            OnCall then = at(cursor);
            if (!Objects.equals(then.user(), now)) {
                return Optional.of(new Handoff(cursor, then));
            }
        }
        return Optional.empty();
    }

    /** The stretches from {@code from} until {@code until} or {@code max} stretches, whichever comes first. */
    public List<Stretch> stretches(Instant from, Instant until, int max) {
        List<Stretch> result = new ArrayList<>();
        Instant start = from;
        OnCall current = at(from);
        while (result.size() < max && start.isBefore(until)) {
            Optional<Handoff> next = nextHandoff(start);
            Instant end = next.map(Handoff::at).orElse(until);
            result.add(new Stretch(current, start, end));
            if (next.isEmpty()) {
                break;
            }
            start = end;
            current = next.get().next();
        }
        return result;
    }

    private Optional<String> onCall(Layer layer, Instant t) {
        if (t.isBefore(layer.first().toInstant()) || !allowed(layer.spec(), t)) {
            return Optional.empty();
        }
        List<String> users = layer.spec().getUsers();
        return Optional.of(users.get((int) Math.floorMod(shiftIndex(layer, t), (long) users.size())));
    }

    private static long shiftIndex(Layer layer, Instant t) {
        long k = Duration.between(layer.first().toInstant(), t).toSeconds() / layer.length();
        while (!layer.shiftStart(k + 1).toInstant().isAfter(t)) {
            k++;
        }
        while (k > 0 && layer.shiftStart(k).toInstant().isAfter(t)) {
            k--;
        }
        return k;
    }

    private boolean allowed(RotationLayer layer, Instant t) {
        if (layer.getRestrictions() == null || layer.getRestrictions().isEmpty()) {
            return true;
        }
        ZonedDateTime local = t.atZone(zone);
        return layer.getRestrictions().stream().anyMatch(r -> TimeWindows.inside(r, local));
    }

    /** The first instant after {@code t} at which some layer, restriction or override starts or ends. */
    private Optional<Instant> nextBoundary(Instant t) {
        List<Instant> candidates = new ArrayList<>();
        for (Layer layer : layers) {
            candidates.add(t.isBefore(layer.first().toInstant()) ? layer.first().toInstant()
                    : layer.shiftStart(shiftIndex(layer, t) + 1).toInstant());
            if (layer.spec().getRestrictions() != null) {
                LocalDate today = t.atZone(zone).toLocalDate();
                for (TimeRestriction r : layer.spec().getRestrictions()) {
                    for (int d = -1; d <= 8; d++) {
                        candidates.add(ZonedDateTime.of(today.plusDays(d), LocalTime.parse(r.getStart()), zone).toInstant());
                        candidates.add(ZonedDateTime.of(today.plusDays(d), LocalTime.parse(r.getEnd()), zone).toInstant());
                    }
                }
            }
        }
        for (Override override : overrides) {
            candidates.add(override.start());
            candidates.add(override.end());
        }
        return candidates.stream().filter(c -> c.isAfter(t)).min(Instant::compareTo);
    }
}
