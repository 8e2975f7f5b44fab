package dev.klaxon.statuspage.site;

/** What the site asks of the cluster for subscriptions: the two writes its ServiceAccount may make. */
interface SiteSubscriptions {

    enum Outcome {
        /** Made (or relayed): the operator takes it from here. */
        done,
        /** Not taken: an address the API server refused, or a subscriber that no longer exists. */
        refused,
        /** The cluster could not be asked, or the namespace's quota of subscribers is used up: try later. */
        unavailable
    }

    /** Makes a subscriber of the page: exactly one of {@code email} and {@code webhook} is given. */
    Outcome subscribe(String email, String webhook);

    /** Writes the token of a followed link ({@code purpose}: confirm or unsubscribe) onto the subscriber, for the operator to check. */
    Outcome relay(String subscriber, String purpose, String token);
}
