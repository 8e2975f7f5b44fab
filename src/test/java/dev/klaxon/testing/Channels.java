package dev.klaxon.testing;

import dev.klaxon.api.v1alpha1.Condition;
import dev.klaxon.api.v1alpha1.NotificationChannel;
import dev.klaxon.api.v1alpha1.NotificationChannelSpec;
import dev.klaxon.api.v1alpha1.SecretKeyRef;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/** NotificationChannels as a team and its administrator make them. */
public final class Channels {

    private Channels() {
    }

    /**
     * A Secret in the operator's namespace (there once an operator is) shared with {@code namespace}
     * alone, as an administrator shares a channel's URL or a receiver's token; returns its reference.
     */
    public static SecretKeyRef shareSecret(KubernetesClient admin, String namespace, String name, String key, String value) {
        admin.secrets().inNamespace(OperatorUnderTest.NAMESPACE).resource(new SecretBuilder()
                .withMetadata(new ObjectMetaBuilder().withName(name).addToAnnotations("klaxon.dev/channel-namespaces", namespace).build())
                .addToStringData(key, value).build()).serverSideApply();
        return new SecretKeyRef(name, key);
    }

    /** An email channel to {@code to} through the SMTP server on 127.0.0.1:{@code port} (no TLS); returns once it is Ready. */
    public static void email(KubernetesClient admin, String namespace, String name, int port, String to) {
        NotificationChannel channel = new NotificationChannel();
        channel.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        NotificationChannelSpec spec = new NotificationChannelSpec();
        spec.setType(NotificationChannelSpec.Type.Email);
        dev.klaxon.api.v1alpha1.EmailSettings settings = new dev.klaxon.api.v1alpha1.EmailSettings();
        settings.setTo(java.util.List.of(to));
        settings.setFrom("klaxon@example.com");
        settings.setHost("127.0.0.1");
        settings.setPort(port);
        settings.setStartTls(false);
        spec.setEmail(settings);
        channel.setSpec(spec);
        admin.resource(channel).create();
        Await.ready(admin, NotificationChannel.class, namespace, name, Condition.Status.True);
    }

    /**
     * A webhook channel to {@code url}, whose URL lives in a Secret of the operator's namespace
     * shared with {@code namespace}; returns once the channel is Ready.
     */
    public static void webhook(KubernetesClient admin, String namespace, String name, String url, int ratePerMinute) {
        String secretName = namespace + "-" + name;
        shareSecret(admin, namespace, secretName, "url", url);
        NotificationChannel channel = new NotificationChannel();
        channel.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        NotificationChannelSpec spec = new NotificationChannelSpec();
        spec.setType(NotificationChannelSpec.Type.Webhook);
        spec.setUrlSecretRef(new SecretKeyRef(secretName, "url"));
        spec.setRatePerMinute(ratePerMinute);
        channel.setSpec(spec);
        admin.resource(channel).create();
        Await.ready(admin, NotificationChannel.class, namespace, name, Condition.Status.True);
    }
}
