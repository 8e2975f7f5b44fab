package dev.klaxon.cli;

import dev.klaxon.api.v1alpha1.ActionItem;
import dev.klaxon.api.v1alpha1.PostIncidentReview;
import dev.klaxon.api.v1alpha1.PostIncidentReviewSpec;
import dev.klaxon.review.ActionItemTracker;
import dev.klaxon.review.ReviewDocument;
import dev.klaxon.review.ReviewOpener;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** Post-incident reviews: the document, a review opened by hand, and the action items across reviews. */
final class ReviewVerbs {

    private ReviewVerbs() {
    }

    @Command(name = "review", description = "Print a post-incident review as its Markdown document; 'review create <incident>' opens one.",
            subcommands = Create.class)
    static final class Review implements Callable<Integer> {
        @ParentCommand
        KlaxonCli cli;
        @Mixin
        Output output;
        // Optional for the parser, so that 'review create' is read as the subcommand; required in fact.
        @Parameters(paramLabel = "<review>", arity = "0..1")
        String name;
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            if (name == null) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing required parameter: '<review>'");
            }
            PostIncidentReview review;
            try (Kube kube = cli.kube()) {
                review = kube.get(PostIncidentReview.class, name);
            }
            output.print(cli.out(), review, ReviewDocument.render(review).stripTrailing());
            return 0;
        }
    }

    @Command(name = "create", description = "Open the review of an incident (pir-<incident>), as the operator does when one resolves.")
    static final class Create implements Callable<Integer> {
        @ParentCommand
        Review review;
        @Mixin
        Output output;
        @Parameters(paramLabel = "<incident>")
        String incident;
        @Option(names = "--facilitator", paramLabel = "<user>", description = "Who runs the review.")
        String facilitator;

        @Override
        public Integer call() {
            try (Kube kube = review.cli.kube()) {
                kube.get(dev.klaxon.api.v1alpha1.Incident.class, incident);
                PostIncidentReview created = new PostIncidentReview();
                created.setMetadata(new ObjectMetaBuilder().withName(ReviewOpener.nameFor(incident)).withNamespace(kube.namespace()).build());
                PostIncidentReviewSpec spec = new PostIncidentReviewSpec();
                spec.setIncidentRef(incident);
                spec.setFacilitator(facilitator);
                created.setSpec(spec);
                PostIncidentReview result = kube.call(() -> kube.client().resource(created).create());
                output.print(review.cli.out(), result, "postincidentreview " + result.getMetadata().getName() + " created for incident " + incident);
            }
            return 0;
        }
    }

    @Command(name = "actions", description = "Open and in-progress action items of the reviews, by priority then due date.")
    static final class Actions implements Callable<Integer> {
        @ParentCommand
        KlaxonCli cli;
        @Mixin
        Output output;
        @Option(names = "--owner", paramLabel = "<user>", description = "Only this owner's items.")
        String owner;
        @Option(names = "--overdue", description = "Only the items past their due date.")
        boolean overdue;

        @Override
        public Integer call() {
            try (Kube kube = cli.kube()) {
                KubernetesResourceList<PostIncidentReview> reviews = kube.call(() -> kube.client().resources(PostIncidentReview.class)
                        .inNamespace(kube.namespace()).list());
                output.print(cli.out(), reviews, table(reviews.getItems(), Optional.ofNullable(owner), overdue, Clock.systemUTC().instant()));
            }
            return 0;
        }
    }

    static final String ROW = "%-28s %-8s %-20s %-11s %-8s %-24s %-28s %s";

    static String table(List<PostIncidentReview> reviews, Optional<String> owner, boolean overdueOnly, Instant now) {
        record Row(PostIncidentReview review, ActionItem item) {
        }
        List<ActionItem> items = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        for (PostIncidentReview review : reviews) {
            for (ActionItem item : ActionItemTracker.pending(review.getSpec().getActionItems(), owner)) {
                if (!overdueOnly || ActionItemTracker.isOverdue(item, now)) {
                    items.add(item);
                    rows.add(new Row(review, item));
                }
            }
        }
        List<ActionItem> ordered = ActionItemTracker.pending(items, Optional.empty());
        rows.sort(Comparator.comparingInt(r -> ordered.indexOf(r.item())));
        StringBuilder out = new StringBuilder(ROW.formatted("ID", "PRIORITY", "DUE", "STATUS", "OVERDUE", "OWNER", "REVIEW", "TITLE"));
        for (Row row : rows) {
            ActionItem item = row.item();
            out.append('\n').append(ROW.formatted(item.getId(), item.getPriority(), item.getDueDate(), item.getStatus(),
                    ActionItemTracker.isOverdue(item, now) ? "yes" : "-", item.getOwner(), row.review().getMetadata().getName(), item.getTitle()));
        }
        return out.toString();
    }
}
