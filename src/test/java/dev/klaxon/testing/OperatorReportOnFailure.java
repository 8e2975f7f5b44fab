package dev.klaxon.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.TestAbortedException;

/**
 * A failed test's message names the operator processes it ran that exited, and their last
 * warnings: the summary of a CI run then says why an operator did nothing, where the operators'
 * own log files are gone with the machine. Registered for every test (ServiceLoader).
 */
public final class OperatorReportOnFailure implements TestExecutionExceptionHandler {

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable thrown) throws Throwable {
        String report = OperatorProcess.report();
        if (report.isEmpty() || thrown instanceof TestAbortedException) {
            throw thrown;
        }
        AssertionError explained = new AssertionError(thrown.getClass().getSimpleName() + ": " + thrown.getMessage()
                + System.lineSeparator() + "Operators of this test:" + report, thrown);
        explained.setStackTrace(thrown.getStackTrace());
        throw explained;
    }
}
