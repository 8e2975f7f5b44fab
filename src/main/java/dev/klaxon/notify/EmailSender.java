package dev.klaxon.notify;

import dev.klaxon.api.v1alpha1.EmailSettings;
import dev.klaxon.api.v1alpha1.NotificationChannel;
import dev.klaxon.api.v1alpha1.NotificationChannelSpec;
import dev.klaxon.api.v1alpha1.SecretKeyRef;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.StartTLSOptions;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** Email over SMTP with the Vert.x mail client (what the Quarkus mailer uses), configured per channel. */
final class EmailSender {

    private final Vertx vertx;
    private final DestinationPolicy destinations;

    EmailSender(Vertx vertx, DestinationPolicy destinations) {
        this.vertx = vertx;
        this.destinations = destinations;
    }

    /** The whole exchange with the SMTP server. */
    static final Duration DEADLINE = Duration.ofSeconds(20);

    /**
     * Starts the send.
     *
     * @return the server's answer, or a {@link DeliveryException} (wrapped in a {@link CompletionException})
     * @throws DeliveryException when the message cannot even be sent (a refused destination)
     */
    CompletableFuture<String> send(NotificationChannel channel, Message message, Function<SecretKeyRef, String> secret) throws DeliveryException {
        EmailSettings email = channel.getSpec().getEmail();
        var refused = destinations.refusal(email.getHost(), email.getPort());
        if (refused.isPresent()) {
            throw new DeliveryException(refused.get(), false);
        }
        // With TLS, the server must prove it is the host named (Vert.x checks no hostname by default).
        MailConfig config = new MailConfig().setHostname(email.getHost()).setPort(email.getPort()).setHostnameVerificationAlgorithm("HTTPS")
                .setStarttls(Boolean.FALSE.equals(email.getStartTls()) ? StartTLSOptions.DISABLED : StartTLSOptions.REQUIRED);
        if (email.getUsernameSecretRef() != null) {
            config.setLogin(LoginOption.REQUIRED).setUsername(secret.apply(email.getUsernameSecretRef()))
                    .setPassword(email.getPasswordSecretRef() != null ? secret.apply(email.getPasswordSecretRef()) : null);
        } else {
            config.setLogin(LoginOption.DISABLED);
        }
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("X-Klaxon-Delivery", message.deliveryId());
        if (message.facts().get(Message.UNSUBSCRIBE) instanceof String unsubscribe) {
            // RFC 8058: mail clients offer one-click unsubscribe, a POST to the link (which the status site takes).
            headers.add("List-Unsubscribe", "<" + subject(unsubscribe) + ">").add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        MailMessage mail = new MailMessage().setFrom(email.getFrom()).setTo(email.getTo()).setSubject(subject(message.title()))
                .setText(message.bodyWithLinks(NotificationChannelSpec.Type.Email)).setHeaders(headers);
        MailClient client = MailClient.create(vertx, config);
        String server = "SMTP " + email.getHost() + ":" + email.getPort();
        // Asynchronous: a server that never answers holds a connection, not a thread.
        return client.sendMail(mail).toCompletionStage().toCompletableFuture().orTimeout(DEADLINE.toSeconds(), TimeUnit.SECONDS)
                .handle((result, error) -> {
                    if (error == null) {
                        return "SMTP accepted for " + result.getRecipients();
                    }
                    // Not which error: "refused" and "timed out" would tell a tenant which ports are open where.
                    throw new CompletionException(new DeliveryException(server + " did not take the message", true));
                })
                .whenComplete((answer, error) -> {
                    try {
                        client.close();
                    } catch (RuntimeException e) {
                        // The outcome stands: a client that did not close cleanly does not unsend a mail.
                    }
                });
    }

    /**
     * A subject is one header line: an incident's title (a tenant's words, or an alert's labels
     * rendered) with a line break in it would add headers of its own (a Bcc to anyone), so every
     * control character and run of white space becomes one space.
     */
    static String subject(String title) {
        return title == null ? "" : title.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
    }
}
