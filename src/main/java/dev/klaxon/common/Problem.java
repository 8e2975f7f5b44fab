package dev.klaxon.common;

import dev.klaxon.api.v1alpha1.ConditionReason;

/**
 * Something wrong with an object that the CRD schema cannot catch: it becomes the reason and
 * message of a Ready=False condition and a Warning Event.
 *
 * @param reason e.g. PlaybookNotFound
 * @param message what is wrong, naming the field
 */
public record Problem(ConditionReason reason, String message) {
}
