package dev.klaxon.notify;

/** A delivery that did not go through; {@code retryable} when trying again may help (5xx, 429, timeouts). */
public class DeliveryException extends Exception {

    private final boolean retryable;

    public DeliveryException(String message, boolean retryable) {
        super(message);
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}
