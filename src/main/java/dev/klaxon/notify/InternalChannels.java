package dev.klaxon.notify;

import dev.klaxon.api.v1alpha1.NotificationChannel;
import dev.klaxon.api.v1alpha1.NotificationChannelSpec;
import java.util.Optional;

/**
 * Action-item follow-ups and maintenance notices go to internal channels only: nobody is paged
 * for them (a pager hears about incidents), and customers never hear a team's internal business
 * (they see maintenance on the status page). The one rule every sender of such notices asks.
 */
public final class InternalChannels {

    private InternalChannels() {
    }

    /** Why a channel is not internal ("a PagerDuty channel", "a customer channel"), or empty when it is. */
    public static Optional<String> whyNot(NotificationChannel channel) {
        NotificationChannelSpec spec = channel.getSpec();
        if (spec.getType() == NotificationChannelSpec.Type.PagerDuty) {
            return Optional.of("a PagerDuty channel");
        }
        if (spec.getAudience() == NotificationChannelSpec.Audience.Customers) {
            return Optional.of("a customer channel");
        }
        return Optional.empty();
    }

    public static boolean isInternal(NotificationChannel channel) {
        return whyNot(channel).isEmpty();
    }
}
