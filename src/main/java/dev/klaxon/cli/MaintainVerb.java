package dev.klaxon.cli;

import dev.klaxon.api.v1alpha1.MaintenanceMatcher;
import dev.klaxon.api.v1alpha1.MaintenancePublication;
import dev.klaxon.api.v1alpha1.MaintenanceWindow;
import dev.klaxon.api.v1alpha1.MaintenanceWindowSpec;
import dev.klaxon.common.KlaxonDurations;
import dev.klaxon.common.Timestamps;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;

/** A one-off maintenance window, made by you (spec.createdBy is who the API server takes you for). */
@Command(name = "maintain", description = "Hold back the matching alerts for a while: a one-off MaintenanceWindow, created by you.")
final class MaintainVerb implements Callable<Integer> {

    private static final Pattern LABEL = Pattern.compile("^([a-zA-Z_][a-zA-Z0-9_]*)(=~|!~|!=|=)(.*)$");

    @ParentCommand
    KlaxonCli cli;
    @Mixin
    Output output;
    @Parameters(paramLabel = "<name>", description = "The window's name.")
    String name;
    @Option(names = "--for", required = true, paramLabel = "<duration>", description = "How long, e.g. 2h or 90m.")
    String length;
    @Option(names = "--starts", paramLabel = "<time>", description = "When it starts (RFC 3339); default now.")
    String starts;
    @Option(names = "--comment", required = true, paramLabel = "<text>", description = "What the work is.")
    String comment;
    @Option(names = "--rule", paramLabel = "<regex>", description = "AlertRules whose name matches.")
    String rule;
    @Option(names = "--service", paramLabel = "<service>", description = "Rules whose incidents affect this service.")
    String service;
    @Option(names = "--label", paramLabel = "<matcher>", description = "An alert label matcher: name=value, name!=value, name=~regex, name!~regex.")
    List<String> labels = new ArrayList<>();
    @Option(names = "--page", paramLabel = "<statuspage>", description = "Show it as scheduled maintenance on this status page.")
    String page;
    @Option(names = "--component", paramLabel = "<id>", description = "A component of --page under maintenance (repeatable).")
    List<String> components = new ArrayList<>();
    @Option(names = "--title", paramLabel = "<text>", description = "The public title on --page (default \"Scheduled maintenance\"; the comment is never public).")
    String title;

    @Override
    public Integer call() {
        try (Kube kube = cli.kube()) {
            MaintenanceWindow window = window(kube.namespace(), kube.whoami().getUsername(), Clock.systemUTC().instant());
            MaintenanceWindow created = kube.call(() -> kube.client().resource(window).create());
            output.print(cli.out(), created, "maintenancewindow " + name + " created: " + created.getSpec().getStartsAt() + " to "
                    + created.getSpec().getEndsAt() + ", by " + created.getSpec().getCreatedBy());
        }
        return 0;
    }

    MaintenanceWindow window(String namespace, String user, Instant now) {
        Duration duration;
        try {
            duration = KlaxonDurations.parse(length);
        } catch (IllegalArgumentException e) {
            throw new CliException("--for " + length + ": not a duration (e.g. 2h, 90m)");
        }
        Instant start = starts == null ? now : Timestamps.parseWritten(starts)
                .orElseThrow(() -> new CliException("--starts " + starts + ": not an RFC 3339 time"));
        List<MaintenanceMatcher> matchers = new ArrayList<>();
        if (rule != null) {
            matchers.add(matcher(MaintenanceMatcher.Target.RULE, null, MaintenanceMatcher.Operator.MATCHES, rule));
        }
        if (service != null) {
            matchers.add(matcher(MaintenanceMatcher.Target.SERVICE, null, MaintenanceMatcher.Operator.EQUAL, service));
        }
        for (String label : labels) {
            Matcher m = LABEL.matcher(label);
            if (!m.matches()) {
                throw new CliException("--label " + label + ": expected name=value, name!=value, name=~regex or name!~regex");
            }
            MaintenanceMatcher.Operator operator = switch (m.group(2)) {
                case "=~" -> MaintenanceMatcher.Operator.MATCHES;
                case "!~" -> MaintenanceMatcher.Operator.NOT_MATCHES;
                case "!=" -> MaintenanceMatcher.Operator.NOT_EQUAL;
                default -> MaintenanceMatcher.Operator.EQUAL;
            };
            matchers.add(matcher(MaintenanceMatcher.Target.LABEL, m.group(1), operator, m.group(3)));
        }
        if (matchers.isEmpty()) {
            throw new CliException("say what to hold back: --rule, --service or --label");
        }
        MaintenanceWindow window = new MaintenanceWindow();
        window.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        MaintenanceWindowSpec spec = new MaintenanceWindowSpec();
        spec.setComment(comment);
        spec.setCreatedBy(user);
        spec.setMatchers(matchers);
        spec.setStartsAt(Timestamps.format(start));
        spec.setEndsAt(Timestamps.format(start.plus(duration)));
        if (title != null && page == null) {
            throw new CliException("--title is the public title on --page: name the page");
        }
        if ((page == null) != components.isEmpty()) {
            throw new CliException("--page and --component go together: the page, and its components under maintenance");
        }
        if (page != null) {
            MaintenancePublication publication = new MaintenancePublication();
            publication.setPage(page);
            publication.setComponents(components);
            publication.setTitle(title);
            spec.setPublication(publication);
        }
        window.setSpec(spec);
        return window;
    }

    private static MaintenanceMatcher matcher(MaintenanceMatcher.Target on, String name, MaintenanceMatcher.Operator operator, String value) {
        return new MaintenanceMatcher(on, name, operator, value);
    }
}
