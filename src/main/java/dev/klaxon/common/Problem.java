package dev.klaxon.common;

/**
 * Something wrong with an object that the CRD schema cannot catch: it becomes the reason and
 * message of a Ready=False condition and a Warning Event.
 *
 * @param reason CamelCase, e.g. PlaybookNotFound
 * @param message what is wrong, naming the field
 */
public record Problem(String reason, String message) {
}
