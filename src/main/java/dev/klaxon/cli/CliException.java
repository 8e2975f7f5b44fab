package dev.klaxon.cli;

/** A failure to report in one line and exit 1 (not found, refused by the API server, a bad value). */
final class CliException extends RuntimeException {

    CliException(String message) {
        super(message, null, false, false);
    }
}
