package dev.klaxon.slo;

import dev.klaxon.api.v1alpha1.ConditionReason;
import dev.klaxon.api.v1alpha1.ServiceLevelObjectiveSpec;
import dev.klaxon.api.v1alpha1.ServiceLevelObjectiveSpec.BurnRateWindow;
import dev.klaxon.api.v1alpha1.Severity;
import dev.klaxon.common.KlaxonDurations;
import dev.klaxon.common.Problem;
import dev.klaxon.slo.BurnRateAlert.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * An objective's burn-rate alerts, the SRE Workbook's by default ("Alerting on SLOs", table 5-8),
 * checked: windows the engine can count and factors the objective can reach.
 */
record SloAlerting(List<BurnRateAlert> alerts, List<Problem> problems) {

    /** Windows up to this are counted from raw samples on every evaluation; longer ones from hourly buckets. */
    static final Duration RAW_UP_TO = Duration.ofHours(6);

    static final List<BurnRateWindow> WORKBOOK_PAGE = List.of(new BurnRateWindow(14.4, "1h", "5m"), new BurnRateWindow(6, "6h", "30m"));
    static final List<BurnRateWindow> WORKBOOK_TICKET = List.of(new BurnRateWindow(3, "1d", "2h"), new BurnRateWindow(1, "3d", "6h"));

    static SloAlerting of(ServiceLevelObjectiveSpec spec) {
        ServiceLevelObjectiveSpec.Alerting alerting = spec.getAlerting() == null ? new ServiceLevelObjectiveSpec.Alerting() : spec.getAlerting();
        Duration window = window(spec);
        double ceiling = 1 / BurnRates.budgetRatio(spec.getObjective());
        List<BurnRateAlert> alerts = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        add(alerts, problems, Level.Page, alerting.getPage(), Severity.SEV2, WORKBOOK_PAGE, window, ceiling);
        add(alerts, problems, Level.Ticket, alerting.getTicket(), Severity.SEV4, WORKBOOK_TICKET, window, ceiling);
        return new SloAlerting(List.copyOf(alerts), List.copyOf(problems));
    }

    /** The objective's rolling window. */
    static Duration window(ServiceLevelObjectiveSpec spec) {
        return KlaxonDurations.parse(windowText(spec));
    }

    /** The objective's window as written (7d, 28d, 30d), its default when not. */
    static String windowText(ServiceLevelObjectiveSpec spec) {
        return spec.getWindow() == null ? "30d" : spec.getWindow();
    }

    /** Every window an alert looks at, shortest first. */
    Set<Duration> windows() {
        Set<Duration> windows = new TreeSet<>();
        alerts.forEach(a -> {
            windows.add(a.longWindow());
            windows.add(a.shortWindow());
        });
        return windows;
    }

    /** The burn rate people read as "the current rate": the first page alert's long window (the first alert's otherwise; 1h without alerts). */
    Duration currentRateWindow() {
        return alerts.stream().filter(a -> a.level() == Level.Page).findFirst().or(() -> alerts.stream().findFirst())
                .map(BurnRateAlert::longWindow).orElse(Duration.ofHours(1));
    }

    private static void add(List<BurnRateAlert> alerts, List<Problem> problems, Level level, ServiceLevelObjectiveSpec.Level spec,
            Severity defaultSeverity, List<BurnRateWindow> defaults, Duration window, double ceiling) {
        Severity severity = spec == null || spec.getSeverity() == null ? defaultSeverity : spec.getSeverity();
        List<BurnRateWindow> burnRates = spec == null || spec.getBurnRates() == null ? defaults : spec.getBurnRates();
        String field = "spec.alerting." + level.name().toLowerCase(Locale.ROOT) + ".burnRates";
        for (int i = 0; i < burnRates.size(); i++) {
            BurnRateWindow burnRate = burnRates.get(i);
            if (burnRates == defaults && burnRate.getFactor() > ceiling) {
                // The Workbook's 14.4x assumes an objective above 93.06 %: below, that default pair cannot fire and is left out.
                continue;
            }
            String at = field + "[" + i + "]";
            List<String> wrong = new ArrayList<>();
            Duration longWindow = windowOf(burnRate.getLongWindow(), wrong);
            Duration shortWindow = windowOf(burnRate.getShortWindow(), wrong);
            double factor = burnRate.getFactor() == null ? 0 : burnRate.getFactor();
            if (wrong.isEmpty() && shortWindow.compareTo(longWindow) >= 0) {
                wrong.add("shortWindow " + burnRate.getShortWindow() + " is not shorter than longWindow " + burnRate.getLongWindow());
            }
            if (wrong.isEmpty() && longWindow.compareTo(window) > 0) {
                wrong.add("longWindow " + burnRate.getLongWindow() + " is longer than the objective's window " + words(window));
            }
            if (!(factor > 0)) {
                wrong.add("factor is above 0");
            } else if (factor > ceiling) {
                wrong.add(String.format(Locale.ROOT, "factor %s can never be reached: with every event bad the budget burns %s times over",
                        plain(factor), plain(ceiling)));
            }
            if (wrong.isEmpty()) {
                alerts.add(new BurnRateAlert(level, severity, factor, longWindow, shortWindow));
            } else {
                problems.add(new Problem(ConditionReason.InvalidBurnRate, at + ": " + String.join("; ", wrong)));
            }
        }
    }

    /** A window the engine counts: at least a minute, whole minutes up to {@link #RAW_UP_TO}, whole hours above. */
    private static Duration windowOf(String text, List<String> wrong) {
        Duration window;
        try {
            window = KlaxonDurations.parse(text);
        } catch (IllegalArgumentException e) {
            wrong.add(e.getMessage());
            return Duration.ZERO;
        }
        if (window.compareTo(Duration.ofMinutes(1)) < 0) {
            wrong.add("window " + text + " is shorter than 1m");
        } else if (window.compareTo(RAW_UP_TO) > 0 && window.toMinutes() % 60 != 0) {
            wrong.add("window " + text + " is longer than 6h and not whole hours");
        }
        return window;
    }

    /** A window as the API writes it: 7d, 3d, 6h, 5m. */
    static String words(Duration window) {
        return window.toHours() >= 24 && window.toMinutes() % 1440 == 0 ? window.toDays() + "d" : KlaxonDurations.format(window);
    }

    /** A figure as people read it: three significant digits, no trailing zeros (14.4, 1000, 0.00123). */
    static String plain(double value) {
        if (!Double.isFinite(value)) {
            return String.valueOf(value);
        }
        return new java.math.BigDecimal(value).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
    }
}
