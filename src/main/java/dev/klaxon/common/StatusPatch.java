package dev.klaxon.common;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.lang.reflect.InvocationTargetException;

/**
 * Writes a status that records what the reconciler did outside the object (a Job created, a page
 * sent) so that the very next reconcile sees it. The informer cache is eventually consistent: an
 * event arriving before our own status update comes back through the watch would otherwise
 * reconcile the old status and do the same thing again. JOSDK's
 * {@link PrimaryUpdateAndCacheUtils} applies the status with optimistic locking and keeps the
 * result in an overlay cache until the informer has it.
 */
public final class StatusPatch {

    private StatusPatch() {
    }

    public static <S, P extends CustomResource<?, S>> UpdateControl<P> applyAndCache(P primary, Context<P> context) {
        P fresh = newInstance(primary);
        fresh.setMetadata(new ObjectMetaBuilder().withName(primary.getMetadata().getName())
                .withNamespace(primary.getMetadata().getNamespace()).build());
        fresh.setStatus(primary.getStatus());
        PrimaryUpdateAndCacheUtils.ssaPatchStatusAndCacheResource(primary, fresh, context);
        return UpdateControl.noUpdate();
    }

    @SuppressWarnings("unchecked")
    private static <P> P newInstance(P primary) {
        try {
            return (P) primary.getClass().getDeclaredConstructor().newInstance();
        } catch (InstantiationException | IllegalAccessException | InvocationTargetException | NoSuchMethodException e) {
            throw new IllegalStateException(primary.getClass() + " needs a public no-argument constructor", e);
        }
    }
}
