package dev.klaxon.testing;

import dev.klaxon.api.v1alpha1.AlertRule;
import dev.klaxon.api.v1alpha1.EscalationPolicy;
import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.OnCallSchedule;
import dev.klaxon.api.v1alpha1.Playbook;
import dev.klaxon.api.v1alpha1.PlaybookRun;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The CRDs as committed under crds/ and helm/klaxon/crds/: what the build generates into
 * target/kubernetes, with one change. The generator sorts printer columns by JSON path; we put
 * them in the order the model class declares them, so that {@code kubectl get incidents} reads
 * Severity, Phase, Title, Commander, Age.
 */
public final class CrdFiles {

    public static final List<Class<? extends CustomResource<?, ?>>> KINDS = List.of(
            AlertRule.class, Incident.class, Playbook.class, PlaybookRun.class, OnCallSchedule.class, EscalationPolicy.class,
            dev.klaxon.api.v1alpha1.NotificationChannel.class, dev.klaxon.api.v1alpha1.StatusPage.class,
            dev.klaxon.api.v1alpha1.PostIncidentReview.class, dev.klaxon.api.v1alpha1.AlertSource.class,
            dev.klaxon.api.v1alpha1.MaintenanceWindow.class, dev.klaxon.api.v1alpha1.Heartbeat.class,
            dev.klaxon.api.v1alpha1.ServiceDependency.class, dev.klaxon.api.v1alpha1.ClusterServiceDependency.class,
            dev.klaxon.api.v1alpha1.StatusPageSubscriber.class, dev.klaxon.api.v1alpha1.ServiceLevelObjective.class);
    static final String HEADER = "# Generated from the Java model in src/main/java/dev/klaxon/api by the build; do not edit.\n"
            + "# Refresh with: hack/update-crds.sh\n";

    private CrdFiles() {
    }

    public static String fileName(Class<? extends CustomResource<?, ?>> kind) {
        return CustomResource.getCRDName(kind) + ".yaml";
    }

    /** What the committed file for {@code kind} must contain, from the build's output. */
    public static String expected(Class<? extends CustomResource<?, ?>> kind, Path buildOutput) {
        Path generated = buildOutput.resolve(CustomResource.getCRDName(kind) + "-v1.yml");
        try {
            CustomResourceDefinition crd = Serialization.unmarshal(Files.readString(generated), CustomResourceDefinition.class);
            List<String> order = Arrays.stream(kind.getAnnotationsByType(AdditionalPrinterColumn.class))
                    .map(AdditionalPrinterColumn::name).toList();
            crd.getSpec().getVersions().forEach(version -> version.getAdditionalPrinterColumns()
                    .sort(Comparator.comparingInt((CustomResourceColumnDefinition c) -> order.indexOf(c.getName()))));
            return HEADER + Serialization.asYaml(crd);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + generated + " (run the build first: mvn package)", e);
        }
    }

    public static List<Path> committedFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
