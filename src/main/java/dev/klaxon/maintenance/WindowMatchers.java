package dev.klaxon.maintenance;

import dev.klaxon.api.v1alpha1.MaintenanceMatcher;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A window's matchers, compiled: all must hold for an alert. Regular expressions are anchored
 * (as Alertmanager's) and run against a budget of character reads, so a tenant's pathological
 * pattern costs a bounded amount of the evaluator's time and then the matcher does not hold
 * (whatever its operator: running out never holds an alert back).
 */
final class WindowMatchers {

    /** Character reads one match may take (a 1 KiB label value needs a few thousand). */
    static final int BUDGET = 200_000;

    private record Compiled(MaintenanceMatcher matcher, Pattern pattern) {
    }

    private final List<Compiled> compiled;

    private WindowMatchers(List<Compiled> compiled) {
        this.compiled = compiled;
    }

    /** @throws IllegalArgumentException naming the matcher whose regular expression does not compile */
    static WindowMatchers of(List<MaintenanceMatcher> matchers) {
        return new WindowMatchers(java.util.stream.IntStream.range(0, matchers.size()).mapToObj(i -> {
            MaintenanceMatcher m = matchers.get(i);
            if (!m.getOperator().isRegex()) {
                return new Compiled(m, null);
            }
            try {
                return new Compiled(m, Pattern.compile(m.getValue()));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("spec.matchers[" + i + "].value: not a regular expression: " + e.getDescription());
            }
        }).toList());
    }

    /** Whether every matcher holds for the alert of {@code rule} with these labels, whose incidents affect {@code services}. */
    boolean matches(String rule, Map<String, String> labels, List<String> services) {
        for (Compiled c : compiled) {
            MaintenanceMatcher m = c.matcher();
            boolean holds = switch (m.getTarget()) {
                case RULE -> test(c, rule);
                // Any affected service; a rule that names none has an empty one (so "!=" holds, "=" does not).
                case SERVICE -> services.isEmpty() ? test(c, "") : m.getOperator().isNegative()
                        ? services.stream().allMatch(s -> test(c, s)) : services.stream().anyMatch(s -> test(c, s));
                // A missing label is the empty string, as in Alertmanager.
                case LABEL -> test(c, Optional.ofNullable(labels.get(m.getName())).orElse(""));
            };
            if (!holds) {
                return false;
            }
        }
        return true;
    }

    private static boolean test(Compiled c, String value) {
        if (c.pattern() == null) {
            return c.matcher().getOperator().isNegative() != c.matcher().getValue().equals(value);
        }
        try {
            return c.matcher().getOperator().isNegative() != c.pattern().matcher(new Budgeted(value, BUDGET)).matches();
        } catch (Budgeted.Exhausted | StackOverflowError e) {
            // A match that cannot finish holds for no operator: a window must never hold back an alert by running out of budget.
            return false;
        }
    }

    /** A string that stops being read after {@code budget} characters: the regex engine then gives up. */
    private static final class Budgeted implements CharSequence {

        static final class Exhausted extends RuntimeException {
            Exhausted() {
                super(null, null, false, false);
            }
        }

        private final String text;
        private final int[] left;

        Budgeted(String text, int budget) {
            this(text, new int[] {budget});
        }

        private Budgeted(String text, int[] left) {
            this.text = text;
            this.left = left;
        }

        @Override
        public char charAt(int index) {
            if (--left[0] < 0) {
                throw new Exhausted();
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new Budgeted(text.substring(start, end), left);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
