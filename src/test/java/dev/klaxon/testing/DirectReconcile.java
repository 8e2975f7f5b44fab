package dev.klaxon.testing;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.nullable;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.klaxon.common.KlaxonConfig;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.EventSourceRetriever;
import io.javaoperatorsdk.operator.processing.event.source.controller.ControllerEventSource;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The middle tier of reconciler tests: a reconciler's {@code reconcile()} called directly, on the
 * real API server but with no operator around it, so that an error path (a Job the API server
 * refuses, a status someone rewrote) is one call with a fixed clock instead of a whole operator
 * and an await. The JOSDK {@link Context} it gets reads secondary resources live from the API
 * server through the lookups the test names; a status written through {@code StatusPatch} goes
 * to the API server as in production (there is no informer cache to update here).
 */
public final class DirectReconcile<P extends HasMetadata> {

    private final KubernetesClient client;
    private final Map<String, Supplier<Optional<?>>> byEventSource = new HashMap<>();
    private final Map<Class<?>, Supplier<? extends Collection<?>>> byType = new HashMap<>();

    private DirectReconcile(KubernetesClient client) {
        this.client = client;
    }

    public static <P extends HasMetadata> DirectReconcile<P> on(KubernetesClient client) {
        return new DirectReconcile<>(client);
    }

    /** The operator's configuration with every default, as {@code application.properties} leaves it. */
    public static KlaxonConfig defaultConfig() {
        return config(Map.of());
    }

    /** The operator's configuration with these settings ({@code klaxon.…}) and every other default. */
    public static KlaxonConfig config(Map<String, String> settings) {
        // Quarkus's own converters, for "5m" and "1Mi" as the operator reads them.
        return new SmallRyeConfigBuilder().withConverter(Duration.class, 200, new DurationConverter())
                .withConverter(MemorySize.class, 200, new MemorySizeConverter())
                .withSources(new PropertiesConfigSource(settings, "test settings", 500))
                .withMapping(KlaxonConfig.class).build().getConfigMapping(KlaxonConfig.class);
    }

    /** What {@code context.getSecondaryResource(type, eventSource)} answers, read when it is asked. */
    public DirectReconcile<P> secondary(String eventSource, Supplier<Optional<?>> lookup) {
        byEventSource.put(eventSource, lookup);
        return this;
    }

    /** What {@code context.getSecondaryResources(type)} answers, read when it is asked. */
    public <R> DirectReconcile<P> secondaries(Class<R> type, Supplier<? extends Collection<R>> lookup) {
        byType.put(type, lookup);
        return this;
    }

    @SuppressWarnings("unchecked")
    public Context<P> context() {
        Context<P> context = mock(Context.class);
        when(context.getClient()).thenReturn(client);
        when(context.getSecondaryResource(any(Class.class), nullable(String.class))).thenAnswer(call ->
                byEventSource.getOrDefault(call.<String>getArgument(1), Optional::empty).get());
        when(context.getSecondaryResources(any(Class.class))).thenAnswer(call -> all(call.getArgument(0)));
        when(context.getSecondaryResources(any(Class.class), anyBoolean())).thenAnswer(call -> all(call.getArgument(0)));
        when(context.getSecondaryResourcesAsStream(any(Class.class))).thenAnswer(call -> all(call.getArgument(0)).stream());
        when(context.getSecondaryResourcesAsStream(any(Class.class), anyBoolean())).thenAnswer(call -> all(call.getArgument(0)).stream());
        ControllerConfiguration<P> configuration = mock(ControllerConfiguration.class);
        when(configuration.fieldManager()).thenReturn("klaxon-operator");
        when(context.getControllerConfiguration()).thenReturn(configuration);
        EventSourceRetriever<P> eventSources = mock(EventSourceRetriever.class);
        when(eventSources.getControllerEventSource()).thenReturn(mock(ControllerEventSource.class));
        when(context.eventSourceRetriever()).thenReturn(eventSources);
        return context;
    }

    private Set<Object> all(Class<?> type) {
        return new HashSet<>(byType.getOrDefault(type, Set::of).get());
    }
}
