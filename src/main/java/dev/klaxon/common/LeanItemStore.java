package dev.klaxon.common;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.util.function.UnaryOperator;

/**
 * An informer cache that keeps only what the operator reads. Every object loses its
 * {@code managedFields} (the server-side apply bookkeeping, often the largest part of an object
 * the operator writes with SSA, and never read); a cache can drop more with a reducer of its own.
 * The informer hands the same reduced object to the event handlers.
 */
public class LeanItemStore<T extends HasMetadata> extends BasicItemStore<T> {

    private final UnaryOperator<T> reducer;

    /** Drops managedFields only (for {@code @Informer(itemStore = LeanItemStore.class)}). */
    public LeanItemStore() {
        this(UnaryOperator.identity());
    }

    /** Drops managedFields, then what {@code reducer} takes away (it may change the object in place). */
    public LeanItemStore(UnaryOperator<T> reducer) {
        super(Cache::metaNamespaceKeyFunc);
        this.reducer = reducer;
    }

    @Override
    public T put(String key, T object) {
        object.getMetadata().setManagedFields(null);
        return super.put(key, reducer.apply(object));
    }
}
