package dev.klaxon.notify;

import dev.klaxon.api.v1alpha1.EmailSettings;
import dev.klaxon.api.v1alpha1.NotificationChannel;
import dev.klaxon.api.v1alpha1.SecretKeyRef;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.MailResult;
import io.vertx.ext.mail.StartTLSOptions;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/** Email over SMTP with the Vert.x mail client (what the Quarkus mailer uses), configured per channel. */
final class EmailSender {

    private final Vertx vertx;
    private final DestinationPolicy destinations;

    EmailSender(Vertx vertx, DestinationPolicy destinations) {
        this.vertx = vertx;
        this.destinations = destinations;
    }

    String send(NotificationChannel channel, Message message, Function<SecretKeyRef, String> secret) throws DeliveryException {
        EmailSettings email = channel.getSpec().getEmail();
        var refused = destinations.refusal(email.getHost(), email.getPort());
        if (refused.isPresent()) {
            throw new DeliveryException(refused.get(), false);
        }
        MailConfig config = new MailConfig().setHostname(email.getHost()).setPort(email.getPort())
                .setStarttls(Boolean.FALSE.equals(email.getStartTls()) ? StartTLSOptions.DISABLED : StartTLSOptions.REQUIRED);
        if (email.getUsernameSecretRef() != null) {
            config.setLogin(LoginOption.REQUIRED).setUsername(secret.apply(email.getUsernameSecretRef()))
                    .setPassword(email.getPasswordSecretRef() != null ? secret.apply(email.getPasswordSecretRef()) : null);
        } else {
            config.setLogin(LoginOption.DISABLED);
        }
        MailMessage mail = new MailMessage().setFrom(email.getFrom()).setTo(email.getTo()).setSubject(message.title())
                .setText(message.body())
                .setHeaders(MultiMap.caseInsensitiveMultiMap().add("X-Klaxon-Delivery", message.deliveryId()));
        MailClient client = MailClient.create(vertx, config);
        try {
            MailResult result = client.sendMail(mail).toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
            return "SMTP accepted for " + result.getRecipients();
        } catch (ExecutionException e) {
            // Not which error: "refused" and "timed out" would tell a tenant which ports are open where.
            throw new DeliveryException("SMTP " + email.getHost() + ":" + email.getPort() + " did not take the message", true);
        } catch (TimeoutException e) {
            throw new DeliveryException("SMTP " + email.getHost() + ":" + email.getPort() + " did not answer in 20s", true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException("interrupted", true);
        } finally {
            client.close();
        }
    }
}
