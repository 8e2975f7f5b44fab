package dev.klaxon.alerting;

import dev.klaxon.prometheus.Sample;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders the Prometheus-style templates of rule annotations and incident titles:
 * {@code {{ $labels.service }}}, {{@code {{ $value }}}, with the pipes {@code humanize} and
 * {@code humanizePercentage}. Anything else is left as written, so a typo shows instead of
 * vanishing.
 */
public final class AlertTemplate {

    private static final Pattern EXPRESSION = Pattern.compile(
            "\\{\\{\\s*\\$(labels\\.([a-zA-Z_][a-zA-Z0-9_]*)|value)\\s*(\\|\\s*(humanize|humanizePercentage)\\s*)?}}");

    private AlertTemplate() {
    }

    public static String render(String template, Map<String, String> labels, double value) {
        if (template == null) {
            return null;
        }
        Matcher m = EXPRESSION.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String rendered;
            if (m.group(2) != null) {
                rendered = labels.getOrDefault(m.group(2), "");
            } else {
                rendered = format(value, m.group(4));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(rendered));
        }
        m.appendTail(out);
        return out.toString();
    }

    static String format(double value, String pipe) {
        if (pipe == null) {
            return Sample.plain(value);
        }
        if (pipe.equals("humanizePercentage")) {
            return String.format(Locale.ROOT, "%.4g%%", value * 100).replaceAll("\\.?0+%$", "%");
        }
        double abs = Math.abs(value);
        String[] units = {"", "k", "M", "G", "T"};
        int unit = 0;
        while (abs >= 1000 && unit < units.length - 1) {
            abs /= 1000;
            value /= 1000;
            unit++;
        }
        return String.format(Locale.ROOT, "%.4g", value).replaceAll("\\.?0+$", "") + units[unit];
    }

}
