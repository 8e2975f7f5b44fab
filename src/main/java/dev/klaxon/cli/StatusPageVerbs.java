package dev.klaxon.cli;

import dev.klaxon.api.v1alpha1.ComponentState;
import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.IncidentPublication;
import dev.klaxon.api.v1alpha1.PublicIncident;
import dev.klaxon.api.v1alpha1.PublicIncidentStatus;
import dev.klaxon.api.v1alpha1.StatusComponent;
import dev.klaxon.api.v1alpha1.StatusPage;
import dev.klaxon.api.v1alpha1.StatusPageStatus;
import dev.klaxon.api.v1alpha1.Visibility;
import dev.klaxon.statuspage.site.ComponentOrder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** Publishing an incident on a status page, and a page's status in the terminal. */
final class StatusPageVerbs {

    private StatusPageVerbs() {
    }

    @Command(name = "publish", description = "Publish an incident on a status page with a public title and impact, or change its public status.")
    static final class Publish implements Callable<Integer> {
        @ParentCommand
        KlaxonCli cli;
        @Mixin
        Output output;
        @Parameters(paramLabel = "<incident>")
        String name;
        @Option(names = "--page", paramLabel = "<page>", description = "The StatusPage to publish on.")
        String page;
        @Option(names = "--title", paramLabel = "<title>", description = "The title customers see.")
        String title;
        @Option(names = "--impact", paramLabel = "<impact>", description = "The impact customers see ('We are investigating reports of <impact>.').")
        String impact;
        @Option(names = "--status", paramLabel = "<status>", description = "investigating, identified or monitoring (resolved follows the incident).")
        PublicIncidentStatus status;
        @Option(names = "--visibility", paramLabel = "<visibility>", description = "public, customers_only or internal.")
        String visibility;

        @Override
        public Integer call() {
            try (Kube kube = cli.kube()) {
                Incident published = kube.change(Incident.class, name, current -> Map.of("spec",
                        Map.of("publication", publication(current.getSpec().getPublication(), this))));
                IncidentPublication now = published.getSpec().getPublication();
                output.print(cli.out(), published, "incident " + name + ": published on " + now.getPage() + " as '" + now.getTitle()
                        + "' (" + now.getStatus() + ")");
            }
            return 0;
        }
    }

    /** The merge patch of spec.publication: what the options say over what is there; a first publication needs page, title and impact. */
    static Map<String, Object> publication(IncidentPublication current, Publish options) {
        if (current == null && (options.page == null || options.title == null || options.impact == null)) {
            throw new CliException("incident " + options.name + " is not published yet: --page, --title and --impact are required");
        }
        Map<String, Object> patch = new LinkedHashMap<>();
        Optional.ofNullable(options.page).ifPresent(v -> patch.put("page", v));
        Optional.ofNullable(options.title).ifPresent(v -> patch.put("title", v));
        Optional.ofNullable(options.impact).ifPresent(v -> patch.put("impact", v));
        Optional.ofNullable(options.status).ifPresent(v -> patch.put("status", v.name()));
        if (options.visibility != null) {
            if (!List.of("public", "customers_only", "internal").contains(options.visibility)) {
                throw new CliException("--visibility must be public, customers_only or internal, not " + options.visibility);
            }
            patch.put("visibility", options.visibility);
        }
        if (patch.isEmpty()) {
            throw new CliException("nothing to change: give --page, --title, --impact, --status or --visibility");
        }
        return patch;
    }

    @Command(name = "page", description = "A status page: its overall status, components by group and active incidents.")
    static final class Page implements Callable<Integer> {
        @ParentCommand
        KlaxonCli cli;
        @Mixin
        Output output;
        @Parameters(paramLabel = "<page>")
        String name;

        @Override
        public Integer call() {
            StatusPage page;
            try (Kube kube = cli.kube()) {
                page = kube.get(StatusPage.class, name);
            }
            output.print(cli.out(), page, render(page).stripTrailing());
            return 0;
        }
    }

    static String render(StatusPage page) {
        StatusPageStatus status = page.getStatus() != null ? page.getStatus() : new StatusPageStatus();
        StringBuilder text = new StringBuilder(page.getSpec().getTitle()).append(": ")
                .append(status.getStatus() == null ? "unknown (not reconciled yet)" : status.getStatus().name()).append('\n');
        List<StatusComponent> components = page.getSpec().getComponents();
        Map<String, List<StatusComponent>> groups = ComponentOrder.byGroup(components, "");
        int width = components.stream().mapToInt(c -> c.getName().length()).max().orElse(0);
        groups.forEach((group, members) -> {
            text.append(group.isEmpty() ? "Components" : group).append('\n');
            for (StatusComponent component : members) {
                Optional<ComponentState> state = status.getComponents().stream().filter(s -> s.getId().equals(component.getId())).findFirst();
                text.append("  ").append(String.format("%-" + width + "s", component.getName())).append("  ")
                        .append(state.map(s -> s.getStatus().name() + (s.getSince() == null ? "" : "  since " + s.getSince())).orElse("unknown"))
                        .append('\n');
            }
        });
        List<PublicIncident> active = status.getIncidents().stream()
                .filter(i -> i.getStatus() != PublicIncidentStatus.resolved && i.getVisibility() != Visibility.internal).toList();
        text.append(active.isEmpty() ? "no active incidents\n" : "active incidents:\n");
        for (PublicIncident incident : active) {
            text.append("  ").append(incident.getTitle()).append(" (").append(incident.getStatus()).append(", since ")
                    .append(incident.getStartedAt()).append(", incident ").append(incident.getIncident()).append(")\n");
            if (!incident.getUpdates().isEmpty()) {
                text.append("    latest: ").append(incident.getUpdates().get(incident.getUpdates().size() - 1).getMessage()).append('\n');
            }
        }
        return text.toString();
    }
}
