package dev.klaxon.testing;

import java.util.function.Supplier;

/**
 * One instance per test JVM, even across class loaders: Quarkus loads @QuarkusTest classes
 * (and their test resources) in a class loader of its own, so a plain static singleton would
 * start a second API server or Prometheus. Values must be JDK types, which every loader shares.
 * The entries live in the system properties with values that are not Strings, which
 * configuration sources (stringPropertyNames, getProperty) never see; their keys are Strings, as
 * code that walks every property name expects (Narayana's, which Agroal brings, casts each).
 */
final class JvmShared {

    private JvmShared() {
    }

    @SuppressWarnings("unchecked")
    static <T> T once(String key, Supplier<T> create) {
        var properties = System.getProperties();
        synchronized (properties) {
            Object entry = JvmShared.class.getName() + "/" + key;
            // In an array, so that even a String value is not a String property.
            Object[] existing = (Object[]) properties.get(entry);
            if (existing == null) {
                existing = new Object[] {create.get()};
                properties.put(entry, existing);
            }
            return (T) existing[0];
        }
    }
}
