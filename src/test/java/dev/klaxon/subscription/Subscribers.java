package dev.klaxon.subscription;

import dev.klaxon.api.v1alpha1.StatusPage;
import dev.klaxon.api.v1alpha1.StatusPageSpec;
import dev.klaxon.api.v1alpha1.StatusPageSubscriber;
import dev.klaxon.api.v1alpha1.StatusPageSubscriberSpec;
import dev.klaxon.api.v1alpha1.StatusPageSubscriptions;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;

/** Subscribers and pages for the unit tests of this package. */
final class Subscribers {

    private Subscribers() {
    }

    static StatusPageSubscriber email(String name, String address, String created) {
        StatusPageSubscriber subscriber = new StatusPageSubscriber();
        subscriber.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("shop").withUid("uid-" + name)
                .withCreationTimestamp(created).build());
        StatusPageSubscriberSpec spec = new StatusPageSubscriberSpec();
        spec.setPage("acme-status");
        spec.setEmail(address);
        subscriber.setSpec(spec);
        return subscriber;
    }

    static StatusPage page(StatusPageSubscriptions subscriptions) {
        StatusPage page = new StatusPage();
        page.setMetadata(new ObjectMetaBuilder().withName("acme-status").withNamespace("shop").build());
        StatusPageSpec spec = new StatusPageSpec();
        spec.setTitle("Acme Status");
        spec.setSubscriptions(subscriptions);
        page.setSpec(spec);
        return page;
    }

    static StatusPageSubscriptions byEmail() {
        StatusPageSubscriptions subscriptions = new StatusPageSubscriptions();
        subscriptions.setUrl("https://status.example.com");
        subscriptions.setEmailChannel("mailer");
        return subscriptions;
    }
}
