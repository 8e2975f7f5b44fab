package dev.klaxon.alertmanager;

import java.time.Instant;
import java.util.Set;

/**
 * Alerts that are signals rather than problems: "this alert must keep arriving" (kube-prometheus'
 * always-firing {@code Watchdog}). Such an alert opens no incident; its firing is passed on.
 * Owned here, implemented by whoever watches for the signal (the heartbeat package).
 */
public interface AlertSignals {

    /** The alertnames that are signals for the AlertSource {@code source} of {@code namespace}. */
    Set<String> signalNames(String namespace, String source);

    /** Whether {@link #signalNames} can answer yet: before, a signal would be taken for a problem and open an incident. */
    boolean isReady();

    /**
     * An alert named {@code alertname} arrived firing through {@code source} at {@code at}.
     *
     * @return whether it was recorded (if not, Alertmanager is asked to send it again)
     */
    boolean signalled(String namespace, String source, String alertname, Instant at);
}
