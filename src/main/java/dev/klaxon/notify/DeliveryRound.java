package dev.klaxon.notify;

import java.util.List;

/**
 * What one reconcile of an incident did to its ledger: the outcomes it recorded, the sends it
 * marked {@code Sending}, the failures to report. Nothing of it takes effect before
 * {@link NotificationDelivery#commit}, which the reconciler calls once the status holding it is
 * written: a status write that fails sends nothing and forgets no outcome.
 */
public final class DeliveryRound {

    static final DeliveryRound NONE = new DeliveryRound(List.of(), List.of(), List.of());

    final List<DeliveryWorkers.Send> sends;
    final List<DeliveryBook.Finished> recorded;
    /** One line per notification that failed for good, for a Warning Event. */
    final List<String> failures;

    DeliveryRound(List<DeliveryWorkers.Send> sends, List<DeliveryBook.Finished> recorded, List<String> failures) {
        this.sends = List.copyOf(sends);
        this.recorded = List.copyOf(recorded);
        this.failures = List.copyOf(failures);
    }
}
