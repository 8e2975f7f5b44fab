package dev.klaxon.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.klaxon.api.v1alpha1.MaintenanceMatcher;
import dev.klaxon.api.v1alpha1.MaintenanceWindow;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MaintainVerbTest {

    private static MaintainVerb parse(String... args) {
        MaintainVerb verb = new MaintainVerb();
        new CommandLine(verb).parseArgs(args);
        return verb;
    }

    @Test
    void aWindowFromNowForTheDurationMadeByYouWithEveryMatcherSaid() {
        MaintenanceWindow window = parse("db-patch", "--for", "90m", "--comment", "Patching the payments database",
                "--rule", "db-.*", "--service", "checkout", "--label", "cluster=eu-1", "--label", "instance=~db-[0-9]+",
                "--label", "team!=search", "--page", "acme-status", "--component", "api")
                .window("shop", "carol@example.com", Instant.parse("2026-12-03T10:00:00Z"));

        assertThat(window.getMetadata().getName()).isEqualTo("db-patch");
        assertThat(window.getSpec().getCreatedBy()).isEqualTo("carol@example.com");
        assertThat(window.getSpec().getStartsAt()).isEqualTo("2026-12-03T10:00:00Z");
        assertThat(window.getSpec().getEndsAt()).isEqualTo("2026-12-03T11:30:00Z");
        assertThat(window.getSpec().getMatchers()).extracting(MaintenanceMatcher::getTarget, MaintenanceMatcher::getName,
                MaintenanceMatcher::getOperator, MaintenanceMatcher::getValue).containsExactly(
                org.assertj.core.groups.Tuple.tuple(MaintenanceMatcher.Target.RULE, null, MaintenanceMatcher.Operator.MATCHES, "db-.*"),
                org.assertj.core.groups.Tuple.tuple(MaintenanceMatcher.Target.SERVICE, null, MaintenanceMatcher.Operator.EQUAL, "checkout"),
                org.assertj.core.groups.Tuple.tuple(MaintenanceMatcher.Target.LABEL, "cluster", MaintenanceMatcher.Operator.EQUAL, "eu-1"),
                org.assertj.core.groups.Tuple.tuple(MaintenanceMatcher.Target.LABEL, "instance", MaintenanceMatcher.Operator.MATCHES, "db-[0-9]+"),
                org.assertj.core.groups.Tuple.tuple(MaintenanceMatcher.Target.LABEL, "team", MaintenanceMatcher.Operator.NOT_EQUAL, "search"));
        assertThat(window.getSpec().getPublication().getComponents()).isEqualTo(List.of("api"));
        assertThat(window.getSpec().getPublication().getTitle()).as("the comment is not copied into anything public").isNull();
    }

    @Test
    void thePublicTitleIsSaidApartFromTheComment() {
        MaintenanceWindow window = parse("db-patch", "--for", "1h", "--comment", "Rotate the leaked DB password", "--rule", "db-.*",
                "--page", "acme-status", "--component", "api", "--title", "Database maintenance")
                .window("shop", "carol@example.com", Instant.parse("2026-12-03T10:00:00Z"));

        assertThat(window.getSpec().getPublication().getTitle()).isEqualTo("Database maintenance");
        assertThatThrownBy(() -> parse("w", "--for", "1h", "--comment", "x", "--rule", "a", "--title", "T")
                .window("shop", "carol", Instant.parse("2026-12-03T10:00:00Z"))).hasMessageContaining("--title is the public title on --page");
    }

    @Test
    void aWindowThatHoldsBackNothingOrAnythingUnreadableIsRefusedBeforeItIsSent() {
        Instant now = Instant.parse("2026-12-03T10:00:00Z");
        assertThatThrownBy(() -> parse("w", "--for", "1h", "--comment", "x").window("shop", "carol", now))
                .hasMessageContaining("--rule, --service or --label");
        assertThatThrownBy(() -> parse("w", "--for", "soon", "--comment", "x", "--rule", "a").window("shop", "carol", now))
                .hasMessageContaining("--for soon: not a duration");
        assertThatThrownBy(() -> parse("w", "--for", "1h", "--comment", "x", "--label", "no operator").window("shop", "carol", now))
                .hasMessageContaining("--label no operator");
    }
}
