package dev.klaxon.cli;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.klaxon.api.v1alpha1.AlertCondition;
import dev.klaxon.api.v1alpha1.AlertRule;
import dev.klaxon.api.v1alpha1.AlertRuleSpec;
import dev.klaxon.api.v1alpha1.Category;
import dev.klaxon.api.v1alpha1.IncidentTemplate;
import dev.klaxon.api.v1alpha1.ComparisonOperator;
import dev.klaxon.api.v1alpha1.ServiceLevelObjective;
import dev.klaxon.common.Text;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Prometheus alerting rules as AlertRules: the rule-file format ({@code groups:}) or
 * {@code monitoring.coreos.com/v1} PrometheusRule objects, several YAML documents at once.
 * Recording rules are skipped (and said so): Klaxon evaluates alerts. Sloth and OpenSLO SLO specs
 * among the documents become ServiceLevelObjectives ({@link SloImport}).
 *
 * <p>An {@code expr} that ends in a comparison with a constant at its top level ({@code rate(x[5m]) > 0.05})
 * becomes that query, operator and threshold. Any other expression is a filter whose every
 * series is an alert, as in Prometheus: the query is {@code (expr) != bool NaN} (1 for every
 * series it returns) compared {@code gt 0}. Imported rules resolve on an empty answer
 * ({@code noData: Resolve}), as the ruler does, and title their incidents with the
 * {@code summary} annotation.
 */
final class RuleImport {

    /** The AlertRules and ServiceLevelObjectives, and one line for each rule or SLO not imported or imported with a caveat. */
    record Result(List<AlertRule> rules, List<ServiceLevelObjective> objectives, List<String> notes) {
    }

    static final AlertRuleSpec.RuleSeverity DEFAULT_SEVERITY = AlertRuleSpec.RuleSeverity.SEV3;

    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");
    private static final Pattern SET_OPERATOR = Pattern.compile("(?i)\\b(and|or|unless)\\b");
    private static final Pattern DURATION = Pattern.compile(dev.klaxon.api.v1alpha1.Durations.PATTERN);
    private static final int MAX_NAME = 63;

    private final List<AlertRule> rules = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final Set<String> names = new HashSet<>();
    private final SloImport objectives = new SloImport(notes, this::name);

    private RuleImport() {
    }

    static Result from(List<String> files) {
        RuleImport result = new RuleImport();
        YAMLMapper yaml = new YAMLMapper();
        for (String file : files) {
            try (MappingIterator<Object> documents = yaml.readerFor(Object.class).readValues(file)) {
                while (documents.hasNext()) {
                    if (documents.next() instanceof Map<?, ?> document) {
                        result.document(document);
                    }
                }
            } catch (IOException | RuntimeException e) {
                throw new CliException("not a Prometheus rule file, PrometheusRule or SLO spec: " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
            }
        }
        List<ServiceLevelObjective> objectives;
        try {
            objectives = result.objectives.objectives();
        } catch (RuntimeException e) {
            throw new CliException("not an SLO spec Klaxon can read: " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
        return new Result(List.copyOf(result.rules), objectives, List.copyOf(result.notes));
    }

    private void document(Map<?, ?> document) {
        if (objectives.take(document)) {
            return;
        }
        Object groups = "PrometheusRule".equals(document.get("kind")) && document.get("spec") instanceof Map<?, ?> spec
                ? spec.get("groups") : document.get("groups");
        if (!(groups instanceof List<?> list)) {
            notes.add("skipped a document that is neither a rule file (groups:), a PrometheusRule, nor a Sloth or OpenSLO SLO spec");
            return;
        }
        for (Object group : list) {
            if (group instanceof Map<?, ?> g) {
                group(g);
            }
        }
    }

    private void group(Map<?, ?> group) {
        String groupName = text(group.get("name")).orElse("rules");
        Optional<String> interval = text(group.get("interval"));
        Map<String, String> groupLabels = strings(group.get("labels"));
        if (!(group.get("rules") instanceof List<?> list)) {
            return;
        }
        for (Object item : list) {
            if (!(item instanceof Map<?, ?> rule)) {
                continue;
            }
            Optional<String> alert = text(rule.get("alert"));
            if (alert.isEmpty()) {
                notes.add("skipped recording rule " + text(rule.get("record")).orElse("?") + " (group " + groupName + "): Klaxon evaluates alerts only");
                continue;
            }
            rules.add(rule(groupName, alert.get(), interval, groupLabels, rule));
        }
    }

    private AlertRule rule(String group, String alert, Optional<String> interval, Map<String, String> groupLabels, Map<?, ?> rule) {
        String expr = text(rule.get("expr")).orElseThrow(() -> new CliException("alert " + alert + " (group " + group + ") has no expr"));
        AlertRuleSpec spec = new AlertRuleSpec();
        Map<String, String> labels = new LinkedHashMap<>(groupLabels);
        labels.putAll(strings(rule.get("labels")));
        String severity = labels.getOrDefault("severity", "");
        spec.setSeverity(dev.klaxon.api.v1alpha1.Severity.ofPrometheusLabel(severity)
                .map(s -> AlertRuleSpec.RuleSeverity.valueOf(s.name())).orElse(DEFAULT_SEVERITY));
        if (dev.klaxon.api.v1alpha1.Severity.ofPrometheusLabel(severity).isEmpty()) {
            notes.add("alert " + alert + " (group " + group + "): severity label \"" + severity + "\" is not in the table, imported as "
                    + DEFAULT_SEVERITY);
        }
        spec.setCategory(Category.AVAILABILITY);
        spec.setDescription("Imported from Prometheus alert " + alert + " (group " + group + ")");
        interval.filter(i -> DURATION.matcher(i).matches()).ifPresent(spec::setInterval);
        text(rule.get("for")).filter(d -> DURATION.matcher(d).matches()).ifPresent(spec::setForDuration);
        text(rule.get("keep_firing_for")).filter(d -> DURATION.matcher(d).matches()).ifPresent(spec::setKeepFiringFor);
        spec.setConditions(List.of(condition(expr)));
        spec.setLabels(labels);
        Map<String, String> annotations = new LinkedHashMap<>(strings(rule.get("annotations")));
        String runbook = annotations.get("runbook_url");
        if (runbook != null && runbook.matches("^https?://.+")) {
            spec.setRunbookUrl(runbook);
        }
        spec.setAnnotations(annotations);
        // As the ruler does: an alert whose series the answer no longer holds is resolved, so an
        // `absent()`, `and` or `count(... == 0)` rule resolves when its expression returns nothing.
        // (Keep, the default of rules written for Klaxon, would hold it firing as missing data.)
        spec.setNoData(AlertRuleSpec.NoData.Resolve);
        String summary = annotations.get("summary");
        if (summary != null && !summary.isBlank()) {
            IncidentTemplate incident = new IncidentTemplate();
            incident.setTitle(Text.truncate(summary.strip(), IncidentTemplate.MAX_TITLE));
            spec.setIncident(incident);
        }
        AlertRule imported = new AlertRule();
        imported.setMetadata(new ObjectMetaBuilder().withName(name(group, alert))
                .addToAnnotations("klaxon.dev/imported-from", group + "/" + alert).build());
        imported.setSpec(spec);
        return imported;
    }

    static AlertCondition condition(String expr) {
        AlertCondition condition = new AlertCondition();
        condition.setType(AlertCondition.Type.Threshold);
        Optional<int[]> split = lastTopLevelComparison(expr);
        String right = split.map(s -> expr.substring(s[1]).strip()).orElse("");
        if (split.isPresent() && NUMBER.matcher(right).matches()) {
            condition.setQuery(expr.substring(0, split.get()[0]).strip());
            condition.setOperator(operator(expr.substring(split.get()[0], split.get()[1])));
            condition.setThreshold(Double.parseDouble(right));
        } else {
            condition.setQuery("(" + expr.strip() + ") != bool NaN");
            condition.setOperator(ComparisonOperator.gt);
            condition.setThreshold(0.0);
        }
        return condition;
    }

    /**
     * Where the last comparison operator outside brackets, braces, parentheses and strings
     * starts and ends, or empty (also when a set operator joins expressions at the top: the
     * comparison is then not what the whole expression filters on).
     */
    static Optional<int[]> lastTopLevelComparison(String expr) {
        int depth = 0;
        char quote = 0;
        int[] last = null;
        StringBuilder topLevel = new StringBuilder();
        for (int i = 0; i < expr.length(); i++) {
            char c = expr.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
                continue;
            }
            // What is not at the top level reads as blanks, so only top-level words match SET_OPERATOR.
            switch (c) {
                case '"', '\'', '`' -> quote = c;
                case '(', '[', '{' -> depth++;
                case ')', ']', '}' -> depth--;
                default -> {
                    if (depth == 0) {
                        char next = i + 1 < expr.length() ? expr.charAt(i + 1) : 0;
                        if ((c == '=' || c == '!' || c == '>' || c == '<') && next == '=') {
                            last = new int[] {i, i + 2};
                        } else if (c == '>' || c == '<') {
                            last = new int[] {i, i + 1};
                        }
                    }
                }
            }
            topLevel.append(depth == 0 && quote == 0 && "()[]{}".indexOf(c) < 0 ? c : ' ');
            if (last != null && last[0] == i && last[1] == i + 2) {
                i++;
            }
        }
        if (last == null || SET_OPERATOR.matcher(topLevel).find()) {
            return Optional.empty();
        }
        String rest = expr.substring(last[1]).strip();
        return rest.startsWith("bool") ? Optional.empty() : Optional.of(last);
    }

    private static ComparisonOperator operator(String symbol) {
        return switch (symbol) {
            case ">" -> ComparisonOperator.gt;
            case ">=" -> ComparisonOperator.gte;
            case "<" -> ComparisonOperator.lt;
            case "<=" -> ComparisonOperator.lte;
            case "==" -> ComparisonOperator.eq;
            default -> ComparisonOperator.ne;
        };
    }

    /** DNS-safe and stable: group and alert, lower case; a short digest when too long or taken. */
    private String name(String group, String alert) {
        String base = (group + "-" + alert).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (base.isEmpty()) {
            base = "rule-" + digest(group + "/" + alert);
        }
        String name = base.length() <= MAX_NAME ? base : base.substring(0, MAX_NAME - 9).replaceAll("-+$", "") + "-" + digest(group + "/" + alert);
        for (int n = 2; !names.add(name); n++) {
            String suffix = "-" + n;
            name = (base.length() + suffix.length() <= MAX_NAME ? base : base.substring(0, MAX_NAME - suffix.length())) + suffix;
        }
        return name.isEmpty() ? "rule-" + digest(group + "/" + alert) : name;
    }

    private static String digest(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8))).substring(0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Optional<String> text(Object value) {
        return value == null ? Optional.empty() : Optional.of(String.valueOf(value)).filter(s -> !s.isBlank());
    }

    private static Map<String, String> strings(Object value) {
        Map<String, String> strings = new LinkedHashMap<>();
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> strings.put(String.valueOf(k), String.valueOf(v)));
        }
        return strings;
    }
}
