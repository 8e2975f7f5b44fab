package dev.klaxon.testing;

import java.util.Map;
import java.util.function.Supplier;

/**
 * One instance per test JVM, even across class loaders: Quarkus loads @QuarkusTest classes
 * (and their test resources) in a class loader of its own, so a plain static singleton would
 * start a second API server or Prometheus. Values must be JDK types, which every loader shares.
 * The entries live in the system properties under non-String keys, which configuration sources
 * (stringPropertyNames) never see.
 */
final class JvmShared {

    private JvmShared() {
    }

    @SuppressWarnings("unchecked")
    static <T> T once(String key, Supplier<T> create) {
        var properties = System.getProperties();
        synchronized (properties) {
            Object entry = Map.entry(JvmShared.class.getName(), key);
            Object existing = properties.get(entry);
            if (existing == null) {
                existing = create.get();
                properties.put(entry, existing);
            }
            return (T) existing;
        }
    }
}
