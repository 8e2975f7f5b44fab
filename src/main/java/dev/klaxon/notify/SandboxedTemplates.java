package dev.klaxon.notify;

import io.quarkus.qute.Engine;
import io.quarkus.qute.IfSectionHelper;
import io.quarkus.qute.ValueResolvers;
import io.quarkus.qute.WhenSectionHelper;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Qute for templates a tenant writes: only what a message needs, and bounded. Sections: {@code if}
 * and {@code when}/{@code switch}; no loops ({@code {#for i in 100000000}}), no
 * {@code eval}, {@code include} or {@code insert}; values from the message's data maps only (no
 * reflection, so no {@code repeat(…)} on a string). Output past {@link #MAX_OUTPUT_CHARS} or
 * rendering past {@link #TIME_BUDGET} stops the render; any failure, even an Error such as the
 * stack overflow of thousands of nested sections, is a {@link TemplateException} for that
 * template alone.
 */
final class SandboxedTemplates {

    /** Slack's and Teams' own limits on a message's text are about 40,000 and 28,000 characters. */
    static final int MAX_OUTPUT_CHARS = 32 * 1024;
    static final Duration TIME_BUDGET = Duration.ofMillis(250);

    /** Why a template cannot be used; the message never quotes the data. */
    static final class TemplateException extends Exception {
        TemplateException(String message) {
            super(message);
        }
    }

    private final Engine engine = Engine.builder()
            .addSectionHelpers(new IfSectionHelper.Factory(), new WhenSectionHelper.Factory())
            .addValueResolvers(ValueResolvers.mapResolver(), ValueResolvers.thisResolver(), ValueResolvers.orResolver(),
                    ValueResolvers.orEmpty(), ValueResolvers.trueResolver(), ValueResolvers.logicalAndResolver(),
                    ValueResolvers.logicalOrResolver(), ValueResolvers.rawResolver())
            .strictRendering(true)
            .build();

    /** Renders {@code text} with {@code data}, within the bounds. */
    String render(String text, Map<String, Object> data) throws TemplateException {
        StringBuilder out = new StringBuilder();
        long deadline = System.nanoTime() + TIME_BUDGET.toNanos();
        try {
            engine.parse(text).data(data).consume(chunk -> {
                if (out.length() + chunk.length() > MAX_OUTPUT_CHARS) {
                    throw new OutputLimit("renders more than " + MAX_OUTPUT_CHARS + " characters");
                }
                if (System.nanoTime() > deadline) {
                    throw new OutputLimit("takes longer than " + TIME_BUDGET.toMillis() + " ms to render");
                }
                out.append(chunk);
            }).toCompletableFuture().get();
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new TemplateException(cause instanceof OutputLimit ? cause.getMessage() : describe(cause));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TemplateException("interrupted while rendering");
        } catch (StackOverflowError e) {
            throw new TemplateException("is nested too deeply");
        } catch (Throwable e) { // a tenant's template must never take the operator down
            throw new TemplateException(describe(e));
        }
        return out.toString();
    }

    private static String describe(Throwable failure) {
        if (failure instanceof StackOverflowError) {
            return "is nested too deeply";
        }
        String message = failure.getMessage();
        return message == null ? failure.getClass().getSimpleName() : message.length() > 512 ? message.substring(0, 512) + "…" : message;
    }

    /** Stops a render from inside its output consumer. */
    private static final class OutputLimit extends RuntimeException {
        OutputLimit(String message) {
            super(message, null, false, false);
        }
    }
}
