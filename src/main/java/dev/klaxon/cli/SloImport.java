package dev.klaxon.cli;

import dev.klaxon.api.v1alpha1.KlaxonApi;
import dev.klaxon.api.v1alpha1.ServiceLevelObjective;
import dev.klaxon.api.v1alpha1.ServiceLevelObjectiveSpec;
import dev.klaxon.api.v1alpha1.Severity;
import dev.klaxon.common.Text;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BinaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sloth's and OpenSLO's SLO specs as ServiceLevelObjectives: Sloth's {@code prometheus/v1} files
 * and {@code PrometheusServiceLevel} objects (their events queries keep Sloth's
 * {@code [{{.window}}]} form, which the kind takes as it is), and OpenSLO v1 {@code SLO}s with a
 * Prometheus ratio of counters (inline or an {@code SLI} document given with them). Everything
 * else is said on stderr, never guessed: raw error ratios, plugins, calendar windows, time slices.
 */
final class SloImport {

    private static final String SELECTOR = "[a-zA-Z_:][a-zA-Z0-9_:]*(\\{[^{}]*\\})?";
    /** Sloth's queries are Go templates: {@code {{ .window }}} is {@code {{.window}}}. */
    private static final Pattern WINDOW = Pattern.compile("\\{\\{\\s*\\.window\\s*\\}\\}");
    /** {@code sum(selector)} or {@code sum by (labels) (selector)}: a counter's total, as OpenSLO writes one. */
    private static final Pattern SUMMED = Pattern.compile("^\\s*sum\\s*(?:(?:by|without)\\s*\\([^)]*\\)\\s*)?\\(\\s*(" + SELECTOR + ")\\s*\\)\\s*$");
    private static final Map<String, String> WINDOWS = Map.of("7d", "7d", "1w", "7d", "28d", "28d", "4w", "28d", "30d", "30d");

    private final List<String> notes;
    private final BinaryOperator<String> namer;
    private final List<ServiceLevelObjective> objectives = new ArrayList<>();
    private final Map<String, Map<?, ?>> openSloIndicators = new HashMap<>();
    private final List<Map<?, ?>> openSlos = new ArrayList<>();

    /** @param namer a unique DNS-safe name for (service, slo) */
    SloImport(List<String> notes, BinaryOperator<String> namer) {
        this.notes = notes;
        this.namer = namer;
    }

    /** Takes the document if it is an SLO spec of Sloth or OpenSLO; false if it is not one. */
    boolean take(Map<?, ?> document) {
        if ("prometheus/v1".equals(document.get("version")) && document.get("slos") instanceof List<?> slos) {
            sloth(text(document.get("service")).orElse("service"), slos, false);
            return true;
        }
        if ("PrometheusServiceLevel".equals(document.get("kind")) && document.get("spec") instanceof Map<?, ?> spec) {
            sloth(text(spec.get("service")).orElse("service"), spec.get("slos") instanceof List<?> slos ? slos : List.of(), true);
            return true;
        }
        if (String.valueOf(document.get("apiVersion")).startsWith("openslo/") && !"openslo/v1".equals(document.get("apiVersion"))) {
            notes.add("skipped " + document.get("apiVersion") + " " + document.get("kind") + " " + name(document) + ": only openslo/v1 is read");
            return true;
        }
        if ("openslo/v1".equals(document.get("apiVersion"))) {
            if ("SLI".equals(document.get("kind")) && document.get("metadata") instanceof Map<?, ?> metadata) {
                text(metadata.get("name")).ifPresent(name -> openSloIndicators.put(name, document));
            } else if ("SLO".equals(document.get("kind"))) {
                openSlos.add(document);
            } else {
                notes.add("skipped OpenSLO " + document.get("kind") + " " + name(document) + ": only SLO and SLI documents are read");
            }
            return true;
        }
        return false;
    }

    /** The objectives of every document taken (OpenSLO's once their SLI documents are all known). */
    List<ServiceLevelObjective> objectives() {
        openSlos.forEach(this::openSlo);
        openSlos.clear();
        return List.copyOf(objectives);
    }

    private void sloth(String service, List<?> slos, boolean camelCase) {
        for (Object item : slos) {
            if (!(item instanceof Map<?, ?> slo)) {
                continue;
            }
            String name = text(slo.get("name")).orElse("slo");
            String what = "Sloth SLO " + service + "/" + name;
            Map<?, ?> sli = map(slo.get("sli"));
            Map<?, ?> events = map(sli.get("events"));
            Optional<String> errors = text(events.get(camelCase ? "errorQuery" : "error_query")).map(q -> WINDOW.matcher(q).replaceAll("{{.window}}"));
            Optional<String> total = text(events.get(camelCase ? "totalQuery" : "total_query")).map(q -> WINDOW.matcher(q).replaceAll("{{.window}}"));
            if (errors.isEmpty() || total.isEmpty()) {
                notes.add("skipped " + what + ": only events SLIs (error and total queries) are imported, not raw ratios or plugins");
                continue;
            }
            if (!errors.get().contains("{{.window}}") || !total.get().contains("{{.window}}")) {
                notes.add("skipped " + what + ": its queries have no {{.window}} range");
                continue;
            }
            ServiceLevelObjectiveSpec spec = new ServiceLevelObjectiveSpec();
            spec.setService(service);
            text(slo.get("description")).map(d -> Text.cut(d, KlaxonApi.MAX_TEXT)).ifPresent(spec::setDescription);
            Optional<Double> objective = number(slo.get("objective"));
            if (objective.isEmpty() || !(Math.round(objective.get() * 1e6) / 1e6 > 0 && Math.round(objective.get() * 1e6) / 1e6 < 100)) {
                notes.add("skipped " + what + ": its objective is not a percentage above 0 and below 100");
                continue;
            }
            spec.setObjective(Math.round(objective.get() * 1e6) / 1e6);
            ServiceLevelObjectiveSpec.Ratio ratio = new ServiceLevelObjectiveSpec.Ratio();
            ratio.setBad(errors.get().strip());
            ratio.setTotal(total.get().strip());
            spec.setSli(sli(ratio));
            Map<?, ?> alerting = map(slo.get("alerting"));
            ServiceLevelObjectiveSpec.Alerting levels = new ServiceLevelObjectiveSpec.Alerting();
            levels.setPage(level(map(alerting.get(camelCase ? "pageAlert" : "page_alert")), what + " page alert"));
            levels.setTicket(level(map(alerting.get(camelCase ? "ticketAlert" : "ticket_alert")), what + " ticket alert"));
            if (levels.getPage() != null || levels.getTicket() != null) {
                spec.setAlerting(levels);
            }
            add(service, name, spec, "sloth/" + service + "/" + name);
        }
    }

    /** A Sloth alert: off when disabled, its severity label when the table knows it; the Workbook's windows either way. */
    private ServiceLevelObjectiveSpec.Level level(Map<?, ?> alert, String what) {
        if (Boolean.TRUE.equals(alert.get("disable"))) {
            ServiceLevelObjectiveSpec.Level off = new ServiceLevelObjectiveSpec.Level();
            off.setBurnRates(List.of());
            return off;
        }
        Optional<String> severity = text(map(alert.get("labels")).get("severity"));
        if (severity.isEmpty()) {
            return null;
        }
        Optional<Severity> known = Severity.ofPrometheusLabel(severity.get());
        if (known.isEmpty()) {
            notes.add(what + ": severity label \"" + severity.get() + "\" is not in the table, the default is kept");
            return null;
        }
        ServiceLevelObjectiveSpec.Level level = new ServiceLevelObjectiveSpec.Level();
        level.setSeverity(known.get());
        return level;
    }

    private void openSlo(Map<?, ?> document) {
        String name = name(document);
        String what = "OpenSLO SLO " + name;
        Map<?, ?> spec = map(document.get("spec"));
        Map<?, ?> indicator = map(spec.get("indicator"));
        if (indicator.isEmpty() && text(spec.get("indicatorRef")).isPresent()) {
            indicator = openSloIndicators.getOrDefault(text(spec.get("indicatorRef")).get(), Map.of());
            if (indicator.isEmpty()) {
                notes.add("skipped " + what + ": its indicatorRef " + spec.get("indicatorRef") + " is not among the documents given");
                return;
            }
        }
        Map<?, ?> ratioMetric = map(map(indicator.get("spec")).get("ratioMetric"));
        if (ratioMetric.isEmpty()) {
            notes.add("skipped " + what + ": only ratioMetric indicators are imported (thresholdMetric has no events to count)");
            return;
        }
        if (!Boolean.TRUE.equals(ratioMetric.get("counter"))) {
            notes.add("skipped " + what + ": its ratioMetric is not of counters (counter: true), and only counters' rates are events");
            return;
        }
        Optional<String> good = counter(ratioMetric.get("good"));
        Optional<String> bad = counter(ratioMetric.get("bad"));
        Optional<String> total = counter(ratioMetric.get("total"));
        if (total.isEmpty() || good.isEmpty() == bad.isEmpty()) {
            notes.add("skipped " + what + ": its good (or bad) and total are not Prometheus counter queries (a selector, or sum of one)");
            return;
        }
        List<?> windows = spec.get("timeWindow") instanceof List<?> list ? list : List.of();
        Map<?, ?> window = windows.isEmpty() ? Map.of() : map(windows.get(0));
        Optional<String> duration = text(window.get("duration")).map(d -> WINDOWS.get(d.strip()));
        if (duration.isEmpty() || Boolean.FALSE.equals(window.get("isRolling"))) {
            notes.add("skipped " + what + ": its time window is not a rolling 7d, 28d or 30d");
            return;
        }
        if (text(spec.get("budgetingMethod")).filter(m -> !m.equals("Occurrences")).isPresent()) {
            notes.add("skipped " + what + ": budgeting method " + spec.get("budgetingMethod") + " (only Occurrences: events are counted)");
            return;
        }
        List<?> objectives = spec.get("objectives") instanceof List<?> list ? list : List.of();
        Map<?, ?> objective = objectives.isEmpty() ? Map.of() : map(objectives.get(0));
        Optional<Double> percent = number(objective.get("targetPercent")).or(() -> number(objective.get("target")).map(t -> t * 100))
                .map(p -> Math.round(p * 1e6) / 1e6);
        if (percent.isEmpty() || !(percent.get() > 0 && percent.get() < 100)) {
            notes.add("skipped " + what + ": no target between 0 and 1 (or targetPercent between 0 and 100)");
            return;
        }
        if (objectives.size() > 1) {
            notes.add(what + ": only its first objective is imported (one objective per ServiceLevelObjective)");
        }
        ServiceLevelObjectiveSpec imported = new ServiceLevelObjectiveSpec();
        String service = text(spec.get("service")).orElse(name);
        imported.setService(service);
        text(spec.get("description")).map(d -> Text.cut(d, KlaxonApi.MAX_TEXT)).ifPresent(imported::setDescription);
        imported.setObjective(percent.get());
        imported.setWindow(duration.get());
        ServiceLevelObjectiveSpec.Ratio ratio = new ServiceLevelObjectiveSpec.Ratio();
        good.ifPresent(ratio::setGood);
        bad.ifPresent(ratio::setBad);
        ratio.setTotal(total.get());
        imported.setSli(sli(ratio));
        add(service, name, imported, "openslo/" + name);
    }

    /** An OpenSLO metric as a counter selector: a Prometheus query that is one, or the sum of one. */
    private static Optional<String> counter(Object metric) {
        Map<?, ?> source = map(map(metric).get("metricSource"));
        if (!"prometheus".equalsIgnoreCase(String.valueOf(source.get("type")))) {
            return Optional.empty();
        }
        return text(map(source.get("spec")).get("query")).map(String::strip).flatMap(query -> {
            if (query.matches(SELECTOR)) {
                return Optional.of(query);
            }
            Matcher summed = SUMMED.matcher(query);
            return summed.matches() ? Optional.of(summed.group(1)) : Optional.empty();
        });
    }

    private void add(String service, String name, ServiceLevelObjectiveSpec spec, String from) {
        ServiceLevelObjective objective = new ServiceLevelObjective();
        objective.setMetadata(new ObjectMetaBuilder().withName(namer.apply(service, name)).addToAnnotations("klaxon.dev/imported-from", from).build());
        objective.setSpec(spec);
        objectives.add(objective);
    }

    private static ServiceLevelObjectiveSpec.Sli sli(ServiceLevelObjectiveSpec.Ratio ratio) {
        ServiceLevelObjectiveSpec.Sli sli = new ServiceLevelObjectiveSpec.Sli();
        sli.setRatio(ratio);
        return sli;
    }

    private static String name(Map<?, ?> document) {
        return text(map(document.get("metadata")).get("name")).orElse("?");
    }

    private static Map<?, ?> map(Object value) {
        return value instanceof Map<?, ?> map ? map : Map.of();
    }

    private static Optional<String> text(Object value) {
        return value == null ? Optional.empty() : Optional.of(String.valueOf(value)).filter(s -> !s.isBlank());
    }

    private static Optional<Double> number(Object value) {
        if (value instanceof Number n) {
            return Optional.of(n.doubleValue());
        }
        try {
            return text(value).map(s -> Double.parseDouble(s.strip().toLowerCase(Locale.ROOT)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
