package dev.klaxon.common;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Watches objects that primaries refer to by name in their namespace (a PlaybookRun's
 * playbookRef, say), so that creating, changing or deleting the referenced object wakes exactly
 * the primaries that name it, and reconcilers read it from the informer cache, not the API.
 */
public final class ReferenceWatch {

    private ReferenceWatch() {
    }

    /**
     * @param name     event-source name, also the name of the primary-cache index; pass it to
     *                 {@code context.getSecondaryResource(kind, name)} to read the referenced object
     * @param refOf    the referenced name, or null when the primary names none
     */
    public static <P extends HasMetadata, S extends HasMetadata> InformerEventSource<S, P> of(
            EventSourceContext<P> context, Class<S> kind, String name, Function<P, String> refOf) {
        return of(context, kind, name, refOf, UnaryOperator.identity());
    }

    /** As {@link #of(EventSourceContext, Class, String, Function)}, with a cache that keeps only what {@code reducer} leaves. */
    public static <P extends HasMetadata, S extends HasMetadata> InformerEventSource<S, P> of(
            EventSourceContext<P> context, Class<S> kind, String name, Function<P, String> refOf, UnaryOperator<S> reducer) {
        context.getPrimaryCache().addIndexer(name, primary -> {
            String ref = refOf.apply(primary);
            return ref == null ? List.of() : List.of(key(primary.getMetadata().getNamespace(), ref));
        });
        var configuration = InformerEventSourceConfiguration.from(kind, context.getPrimaryResourceClass())
                .withName(name)
                .withItemStore(new LeanItemStore<>(reducer))
                // A final object is no longer anyone's reference worth watching (see OpenWork).
                .withLabelSelector(OpenWork.selectorFor(kind).orElse(null))
                .withSecondaryToPrimaryMapper((S referenced) -> context.getPrimaryCache()
                        .byIndex(name, key(referenced.getMetadata().getNamespace(), referenced.getMetadata().getName()))
                        .stream().map(ResourceID::fromResource).collect(Collectors.toSet()))
                .withPrimaryToSecondaryMapper((P primary) -> {
                    String ref = refOf.apply(primary);
                    return ref == null ? Set.of() : Set.of(new ResourceID(ref, primary.getMetadata().getNamespace()));
                })
                .build();
        return new InformerEventSource<>(configuration, context);
    }

    private static String key(String namespace, String name) {
        return namespace + "/" + name;
    }
}
