package dev.klaxon.cli;

import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.KlaxonApi;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * An archived incident back in the cluster, read-only, for a review: created with its archived
 * spec and labelled with the archived UID (no reconciler sees such an object: no page, no timer),
 * from which the operator writes its status and marks it final (the status is the operator's record: it comes from
 * the archive, not from this command). Or, with --print, the whole archived record, with no cluster at all.
 */
@Command(name = "restore", description = {"Bring an archived incident (by UID) back into its namespace, read-only, for a review.",
        "With --print, print its whole archived record instead (no cluster needed)."})
final class RestoreVerb implements Callable<Integer> {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @ParentCommand
    KlaxonCli cli;
    @Parameters(paramLabel = "<uid>", description = "The archived incident's UID (the archive's incidents view, column uid).")
    String uid;
    @Option(names = "--archive", paramLabel = "<url>",
            description = "The archive at postgresql://host:port/database (the default is $" + ArchiveDatabase.URL_VARIABLE + ").")
    String archive;
    @Option(names = "--name", paramLabel = "<name>", description = "The copy's name, when one of the archived name exists (default: the archived name).")
    String name;
    @Option(names = "--print", description = "Print the archived record (yaml, or -o json) instead of restoring it.")
    boolean print;
    @Mixin
    Output output;

    private record Row(String namespace, String name, String json) {
    }

    @Override
    public Integer call() {
        Row row = read();
        if (print) {
            if (output.format == null) {
                output.format = Output.Format.yaml;
            }
            output.print(cli.out(), Serialization.unmarshal(row.json(), Map.class), "");
            return 0;
        }
        Incident record = Serialization.unmarshal(row.json(), Incident.class);
        try (Kube kube = cli.kube()) {
            String namespace = cli.global.namespace != null ? cli.global.namespace : row.namespace();
            if (!namespace.equals(row.namespace())) {
                throw new CliException("incident " + uid + " was archived in namespace " + row.namespace() + ": it is restored only there (-n "
                        + row.namespace() + ")");
            }
            String copyName = name != null ? name : row.name();
            // No label of the original's (a GitOps tool's would claim the copy); the restore label keeps every
            // reconciler away from it until the operator has written its record and marked it final.
            Incident copy = new Incident();
            copy.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(copyName)
                    .withLabels(Map.of(KlaxonApi.LABEL_RESTORE_OF, uid)).build());
            copy.setSpec(record.getSpec());
            try {
                kube.client().resource(copy).create();
            } catch (KubernetesClientException e) {
                throw new CliException(e.getCode() == 409 ? "incident " + copyName + " exists: name the copy with --name"
                        : Kube.kubectlMessage(e));
            }
            Incident restored = awaitRestored(kube, namespace, copyName);
            output.print(cli.out(), restored, said(restored, copyName));
        }
        return 0;
    }

    private Row read() {
        String url = archive == null ? System.getenv().getOrDefault(ArchiveDatabase.URL_VARIABLE, "") : archive;
        try (Connection connection = ArchiveDatabase.open(url, System.getenv());
                PreparedStatement select = connection.prepareStatement("SELECT namespace, name, record::text FROM incidents WHERE uid = ?")) {
            select.setString(1, uid);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new CliException("the archive holds no incident with UID " + uid);
                }
                return new Row(row.getString(1), row.getString(2), row.getString(3));
            }
        } catch (SQLException e) {
            throw ArchiveDatabase.failure(e);
        }
    }

    /**
     * The copy once the operator has taken it up (restored or refused), or as it is after the wait.
     * Polled with GET, not watched: restoring then needs no right but get and create on incidents.
     */
    private static Incident awaitRestored(Kube kube, String namespace, String name) {
        Instant until = Instant.now().plus(WAIT);
        while (true) {
            Incident copy = kube.call(() -> kube.client().resources(Incident.class).inNamespace(namespace).withName(name).get());
            if (copy == null || !copy.getMetadata().getLabels().containsKey(KlaxonApi.LABEL_RESTORE_OF) || Instant.now().isAfter(until)) {
                return copy;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return copy;
            }
        }
    }

    private String said(Incident copy, String copyName) {
        var annotations = copy == null || copy.getMetadata().getAnnotations() == null ? Map.<String, String>of() : copy.getMetadata().getAnnotations();
        if (uid.equals(annotations.get(KlaxonApi.ANNOTATION_RESTORED_FROM))) {
            return "incident " + copyName + " restored read-only from the archive (UID " + uid + ")";
        }
        if (copy != null && copy.getMetadata().getLabels().containsKey(KlaxonApi.LABEL_RESTORE_OF)) {
            return "incident " + copyName + " created; the operator has not restored its record within " + WAIT.toSeconds()
                    + " s (does it run with the archive?): kubectl describe incident " + copyName;
        }
        return "incident " + copyName + " created, but the operator refused to restore it: kubectl describe incident " + copyName;
    }
}
