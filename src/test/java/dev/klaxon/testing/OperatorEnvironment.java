package dev.klaxon.testing;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What {@link OperatorTest} does: one namespace and one operator per IT class, started before the
 * class's own {@code @BeforeAll} methods (which may then use them) and stopped after its tests.
 */
public final class OperatorEnvironment implements BeforeAllCallback, AfterAllCallback {

    private static final ExtensionContext.Namespace STORE = ExtensionContext.Namespace.create(OperatorEnvironment.class);

    @Override
    public void beforeAll(ExtensionContext context) throws IllegalAccessException {
        Class<?> testClass = context.getRequiredTestClass();
        OperatorTest spec = testClass.getAnnotation(OperatorTest.class);
        KubernetesClient admin = TestCluster.get().admin();
        String namespace = spec.tenant() ? Tenants.create(spec.namespace(), spec.responders())
                : TestCluster.get().createNamespace(spec.namespace());
        ResponderSiteProcess site = spec.responderSite() ? new ResponderSiteProcess().start() : null;
        if (site != null) {
            context.getStore(STORE).put(ResponderSiteProcess.class, site);
        }
        java.util.List<String> watched = new java.util.ArrayList<>(java.util.List.of(namespace));
        for (String suffix : spec.moreNamespaces()) {
            String more = namespace + "-" + suffix;
            admin.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata().withName(more).endMetadata().build())
                    .create();
            watched.add(more);
        }
        String[] settings = java.util.stream.Stream.of(site == null ? new String[0] : site.operatorSettings(), spec.settings(),
                        new String[] {"-Dquarkus.operator-sdk.namespaces=" + String.join(",", watched)})
                .flatMap(java.util.Arrays::stream).toArray(String[]::new);
        OperatorProcess operator = new OperatorProcess(namespace, settings).start();
        context.getStore(STORE).put(OperatorProcess.class, operator);
        if (site != null) {
            site.awaitReady();
        }
        for (Field field : testClass.getDeclaredFields()) {
            if (!field.isAnnotationPresent(OperatorTest.Operated.class)) {
                continue;
            }
            if (!Modifier.isStatic(field.getModifiers())) {
                throw new IllegalStateException(field + " is marked @Operated but is not static");
            }
            field.setAccessible(true);
            field.set(null, field.getType() == KubernetesClient.class ? admin : field.getType() == String.class ? namespace
                    : field.getType() == OperatorProcess.class ? operator
                    : field.getType() == ResponderSiteProcess.class && site != null ? site : unsupported(field));
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        OperatorProcess operator = context.getStore(STORE).get(OperatorProcess.class, OperatorProcess.class);
        if (operator != null) {
            operator.close();
        }
        ResponderSiteProcess site = context.getStore(STORE).get(ResponderSiteProcess.class, ResponderSiteProcess.class);
        if (site != null) {
            site.close();
        }
    }

    private static Object unsupported(Field field) {
        throw new IllegalStateException(field + " is marked @Operated: only KubernetesClient, String (the namespace), OperatorProcess and "
                + "ResponderSiteProcess (with responderSite = true) are");
    }
}
