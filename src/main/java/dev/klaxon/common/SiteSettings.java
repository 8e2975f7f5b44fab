package dev.klaxon.common;

import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * What the image's other modes (the status site, the responder site) share: settings from system
 * properties ({@code <prefix>.<name>}) or the environment ({@code <PREFIX>_<NAME>}), and informer
 * handlers that follow one object.
 *
 * @param prefix the property prefix, e.g. {@code klaxon.status-site}
 */
public record SiteSettings(String prefix) {

    /** Before anything else runs: logging, and the JDK server of the management port. */
    public void prepareJvm() {
        // The libraries log through SLF4J to JBoss LogManager (as in the operator); it must own java.util.logging first.
        System.setProperty("java.util.logging.manager", "org.jboss.logmanager.LogManager");
        // The management port (health, metrics; never public) is the JDK's server: a client holds its thread this long at most.
        System.setProperty("sun.net.httpserver.maxReqTime", get("max-request-seconds", "10"));
        System.setProperty("sun.net.httpserver.maxRspTime", get("max-response-seconds", "10"));
        // Headers and body go out as separate writes: without TCP_NODELAY each keep-alive answer
        // waits for the client's delayed ACK (about 40 ms).
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    /** A setting, or {@code fallback} when it is not set or blank (the chart sets every variable, empty when unused). */
    public String get(String name, String fallback) {
        String property = System.getProperty(prefix + "." + name);
        if (property != null && !property.isBlank()) {
            return property;
        }
        String variable = System.getenv(variable(name));
        return variable != null && !variable.isBlank() ? variable : fallback;
    }

    public String required(String name) {
        String value = get(name, null);
        if (value == null) {
            throw new IllegalArgumentException("set " + prefix + "." + name + " (or " + variable(name) + ")");
        }
        return value;
    }

    private String variable(String name) {
        return (prefix + "." + name).toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_');
    }

    /** A handler that hands each added or updated object to {@code changed}, and each deleted one to {@code deleted}. */
    public static <T> ResourceEventHandler<T> following(Consumer<T> changed, Consumer<T> deleted) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T object) {
                changed.accept(object);
            }

            @Override
            public void onUpdate(T before, T object) {
                changed.accept(object);
            }

            @Override
            public void onDelete(T object, boolean finalStateUnknown) {
                deleted.accept(object);
            }
        };
    }
}
