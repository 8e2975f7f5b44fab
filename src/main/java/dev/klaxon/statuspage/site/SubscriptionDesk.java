package dev.klaxon.statuspage.site;

import dev.klaxon.api.v1alpha1.StatusPage;
import dev.klaxon.api.v1alpha1.StatusPageSubscriberSpec;
import dev.klaxon.api.v1alpha1.StatusPageSubscriptions;
import dev.klaxon.common.DeadlineHttpServer;
import dev.klaxon.common.Forms;
import dev.klaxon.common.Html;
import dev.klaxon.common.Cidr;
import java.net.InetAddress;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The site's subscription pages: the form to subscribe by email or webhook ({@code /subscribe}),
 * and the confirmation and unsubscribe links a subscriber is sent
 * ({@code /subscriptions/confirm|unsubscribe/<subscriber>/<token>}). Opening a link only shows a
 * button (mail scanners open links); pressing it, or a mail client's one-click unsubscribe
 * (RFC 8058), POSTs, and the site writes the token onto the subscriber for the operator to check.
 * The site cannot check it: the key is the operator's.
 */
final class SubscriptionDesk {

    static final String SUBSCRIBE = "/subscribe";
    private static final Pattern LINK = Pattern.compile("^/subscriptions/(confirm|unsubscribe)/([a-z0-9][-a-z0-9.]{0,252})/([0-9a-f]{64})$");
    private static final Pattern EMAIL = Pattern.compile(StatusPageSubscriberSpec.EMAIL);
    private static final Pattern WEBHOOK = Pattern.compile("^https?://[^\\s]+$");
    /** Forms post to the site itself, and nowhere else. */
    static final String SECURITY_POLICY = "default-src 'none'; style-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private final Supplier<StatusPage> page;
    private final SiteSubscriptions cluster;
    private final ClientLimits subscribeLimits;
    private final ClientLimits linkLimits;
    private final List<Cidr> trustedProxies;

    /**
     * @param subscribeLimits how often one client (and everyone) may ask to subscribe
     * @param linkLimits      how often one client (and everyone) may press a link's button
     * @param trustedProxies  the proxies (an Ingress) whose X-Forwarded-For names the client; nobody else's is believed
     */
    SubscriptionDesk(Supplier<StatusPage> page, SiteSubscriptions cluster, ClientLimits subscribeLimits, ClientLimits linkLimits,
            List<Cidr> trustedProxies) {
        this.page = page;
        this.cluster = cluster;
        this.subscribeLimits = subscribeLimits;
        this.linkLimits = linkLimits;
        this.trustedProxies = List.copyOf(trustedProxies);
    }

    static boolean handles(String path) {
        return path.equals(SUBSCRIBE) || path.startsWith("/subscriptions/");
    }

    DeadlineHttpServer.Response serve(DeadlineHttpServer.Request request) {
        Optional<StatusPageSubscriptions> open = subscriptions();
        if (open.isEmpty()) {
            return html(404, "Subscriptions", "<p>This page takes no subscriptions. Its <a href=\"/feed.atom\">Atom</a> and "
                    + "<a href=\"/feed.rss\">RSS</a> feeds have every update.</p>");
        }
        boolean post = request.method().equals("POST");
        if (post && !sameOrigin(request)) {
            // Another site's form posting here on its visitors' behalf (their addresses, their rate limits).
            return html(403, "Not from here", "<p>Subscribe on this page itself: <a href=\"" + SUBSCRIBE + "\">subscribe</a>.</p>");
        }
        if (request.path().equals(SUBSCRIBE)) {
            return post ? subscribe(request, open.get()) : html(200, "Subscribe", form(open.get()));
        }
        Matcher link = LINK.matcher(request.path());
        if (!link.matches()) {
            return html(404, "Not found", "<p>This link is not one of ours, or it was cut short: copy the whole link from the message.</p>");
        }
        String purpose = link.group(1);
        boolean confirm = purpose.equals("confirm");
        if (!post) {
            // A button, not the act: a mail scanner that opens every link must not confirm or unsubscribe anyone.
            return html(200, confirm ? "Confirm your subscription" : "Unsubscribe", "<form method=\"post\" action=\""
                    + Html.escape(request.path()) + "\"><button type=\"submit\">" + (confirm ? "Confirm my subscription" : "Unsubscribe me")
                    + "</button></form>");
        }
        if (!linkLimits.allow(clientOf(request))) {
            return html(429, "Try again later", "<p>Too many requests from here just now. Please try again in a few minutes.</p>")
                    .with("Retry-After", "600");
        }
        return switch (cluster.relay(link.group(2), purpose, link.group(3))) {
            case done -> html(200, confirm ? "Subscription confirmed" : "Unsubscribed", confirm
                    ? "<p>Thank you. Once the link is checked (a few seconds), you are told about every incident update on this page.</p>"
                    : "<p>You are unsubscribed once the link is checked (a few seconds), and nothing more is sent.</p>");
            case refused -> html(410, "Link expired", "<p>This subscription no longer exists: it was not confirmed within a day, or it was "
                    + "unsubscribed. <a href=\"" + SUBSCRIBE + "\">Subscribe again</a>.</p>");
            case unavailable -> html(503, "Try again later", "<p>We could not record that just now. Please try again in a minute.</p>");
        };
    }

    private DeadlineHttpServer.Response subscribe(DeadlineHttpServer.Request request, StatusPageSubscriptions open) {
        Map<String, String> fields = Forms.fields(request.body());
        String email = Optional.ofNullable(fields.get("email")).map(String::strip).filter(s -> !s.isEmpty()).orElse(null);
        String webhook = Optional.ofNullable(fields.get("webhook")).map(String::strip).filter(s -> !s.isEmpty()).orElse(null);
        boolean emailOk = email != null && webhook == null && open.getEmailChannel() != null && email.length() <= 254 && EMAIL.matcher(email).matches();
        boolean webhookOk = webhook != null && email == null && Boolean.TRUE.equals(open.getWebhooks()) && webhook.length() <= 2048
                && WEBHOOK.matcher(webhook).matches();
        if (!emailOk && !webhookOk) {
            return html(400, "Subscribe", "<p class=\"error\">Give one email address" + (Boolean.TRUE.equals(open.getWebhooks())
                    ? " or one http(s) webhook URL" : "") + ".</p>" + form(open));
        }
        if (!subscribeLimits.allow(clientOf(request))) {
            return html(429, "Try again later", "<p>Too many subscription requests from here just now. Please try again in a few minutes.</p>")
                    .with("Retry-After", "600");
        }
        return switch (cluster.subscribe(email, webhook)) {
            // The same answer whether or not the address was subscribed already: the page tells nobody who is.
            case done -> html(202, "Check your " + (email != null ? "inbox" : "webhook"), "<p>We sent a link to "
                    + Html.escape(email != null ? email : webhook) + ". Nothing else is sent until it is followed, and the request "
                    + "expires in a day.</p>");
            case refused -> html(400, "Subscribe", "<p class=\"error\">That address cannot be subscribed.</p>" + form(open));
            case unavailable -> html(503, "Try again later", "<p>We could not take subscriptions just now. Please try again later.</p>");
        };
    }

    /**
     * The client's address: the peer's, or, when the peer is a trusted proxy, the nearest address
     * in X-Forwarded-For that is not one (the ones further left are whatever the client wrote).
     */
    String clientOf(DeadlineHttpServer.Request request) {
        String client = request.client();
        List<String> forwarded = request.header("X-Forwarded-For").map(h -> Arrays.stream(h.split(",")).map(String::strip).toList())
                .orElse(List.of());
        for (int i = forwarded.size() - 1; i >= 0 && trusted(client); i--) {
            client = forwarded.get(i);
        }
        return client;
    }

    private boolean trusted(String address) {
        // Only an address literal (getByName looks nothing up for one): a header's words never cause a DNS query.
        if (trustedProxies.isEmpty() || !address.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
            return false;
        }
        try {
            InetAddress parsed = InetAddress.getByName(address);
            return trustedProxies.stream().anyMatch(c -> c.contains(parsed));
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    /**
     * Whether a POST comes from this site's own page, or from no page at all (curl, a mail client's
     * one-click unsubscribe). Browsers say where with Sec-Fetch-Site; older ones with Origin, which
     * must name this host ("null" is what this site's no-referrer pages send, so it is no answer).
     */
    private static boolean sameOrigin(DeadlineHttpServer.Request request) {
        Optional<String> site = request.header("Sec-Fetch-Site");
        if (site.isPresent()) {
            return site.get().equals("same-origin") || site.get().equals("none");
        }
        Optional<String> origin = request.header("Origin");
        Optional<String> host = request.header("Host");
        if (origin.isEmpty() || origin.get().equals("null")) {
            return true;
        }
        try {
            URI parsed = URI.create(origin.get());
            String originHost = parsed.getPort() > 0 ? parsed.getHost() + ":" + parsed.getPort() : parsed.getHost();
            return host.map(h -> h.equalsIgnoreCase(originHost)).orElse(false);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private Optional<StatusPageSubscriptions> subscriptions() {
        StatusPage shown = page.get();
        return shown == null || shown.getSpec() == null ? Optional.empty() : Optional.ofNullable(shown.getSpec().getSubscriptions());
    }

    private static String form(StatusPageSubscriptions open) {
        StringBuilder form = new StringBuilder("<p>Be told about every incident update on this page. We send a link to confirm first; every "
                + "message has a link to unsubscribe.</p>\n<form method=\"post\" action=\"" + SUBSCRIBE + "\">\n");
        if (open.getEmailChannel() != null) {
            form.append("<p><label for=\"email\">Email address</label><br><input id=\"email\" name=\"email\" type=\"email\" maxlength=\"254\" "
                    + "autocomplete=\"email\"></p>\n");
        }
        if (Boolean.TRUE.equals(open.getWebhooks())) {
            form.append("<p><label for=\"webhook\">").append(open.getEmailChannel() != null ? "Or a webhook URL" : "Webhook URL")
                    .append(" (a JSON POST per update)</label><br><input id=\"webhook\" name=\"webhook\" type=\"url\" maxlength=\"2048\"></p>\n");
        }
        return form.append("<p><button type=\"submit\">Subscribe</button></p>\n</form>").toString();
    }

    private DeadlineHttpServer.Response html(int code, String title, String body) {
        StatusPage shown = page.get();
        String pageTitle = shown == null || shown.getSpec() == null ? "Status" : shown.getSpec().getTitle();
        String text = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" + Html.escape(title + " – " + pageTitle)
                + "</title>\n<link rel=\"stylesheet\" href=\"/style.css\">\n</head>\n<body>\n<header><h1><a href=\"/\">" + Html.escape(pageTitle)
                + "</a></h1></header>\n<main>\n<h2>" + Html.escape(title) + "</h2>\n" + body + "\n</main>\n</body>\n</html>\n";
        return DeadlineHttpServer.Response.text(code, SiteContent.HTML, text).with("Content-Security-Policy", SECURITY_POLICY)
                .with("Cache-Control", "no-store");
    }
}
