package dev.klaxon.statuspage.site;

import dev.klaxon.common.Digests;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.klaxon.api.v1alpha1.PublicIncident;
import dev.klaxon.api.v1alpha1.StatusPage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every response of a page, rendered once when the page changes and then served from memory: the
 * HTML pages, the Statuspage v2 documents and the feeds, for the public and for customers, each
 * with its ETag. A request costs a map lookup however many people ask.
 */
final class SiteContent {

    record Response(byte[] body, String etag, String contentType) {
    }

    static final String HTML = "text/html; charset=utf-8";
    static final String JSON = "application/json";

    private final Map<String, Response> everyone;
    private final Map<String, Response> customers;

    private SiteContent(Map<String, Response> everyone, Map<String, Response> customers) {
        this.everyone = everyone;
        this.customers = customers;
    }

    /** What to serve while there is no page (not created yet, or deleted): nothing but the stylesheet. */
    static SiteContent empty() {
        Map<String, Response> style = Map.of("/style.css", response(HtmlPages.STYLE, "text/css; charset=utf-8"));
        return new SiteContent(style, style);
    }

    static SiteContent of(StatusPage page, String url, Instant now, ObjectMapper json) {
        return new SiteContent(render(page, StatuspageV2.Audience.everyone, url, now, json),
                render(page, StatuspageV2.Audience.customers, url == null ? null : url + "/customers", now, json));
    }

    Optional<Response> get(StatuspageV2.Audience audience, String path) {
        return Optional.ofNullable((audience == StatuspageV2.Audience.customers ? customers : everyone).get(path));
    }

    private static Map<String, Response> render(StatusPage page, StatuspageV2.Audience audience, String url, Instant now, ObjectMapper json) {
        StatuspageV2 api = new StatuspageV2(page, audience, url);
        List<PublicIncident> visible = api.visibleIncidents();
        HtmlPages html = new HtmlPages(page, visible, audience == StatuspageV2.Audience.customers ? "/customers" : "", now);
        Map<String, Response> responses = new HashMap<>();
        responses.put("/", response(html.index(), HTML));
        responses.put("/history", response(html.history(), HTML));
        visible.forEach(i -> responses.put("/incidents/" + i.getId(), response(html.incidentPage(i), HTML)));
        // A scheduled maintenance's shortlink opens its page, as Statuspage's do.
        (page.getStatus() == null ? List.<dev.klaxon.api.v1alpha1.PublicMaintenance>of() : page.getStatus().getMaintenances())
                .forEach(m -> responses.put("/incidents/" + m.getId(), response(html.maintenancePage(m), HTML)));
        responses.put("/style.css", response(HtmlPages.STYLE, "text/css; charset=utf-8"));
        responses.put("/api/v2/summary.json", json(api.summary(), json));
        responses.put("/api/v2/status.json", json(api.status(), json));
        responses.put("/api/v2/components.json", json(api.componentsDocument(), json));
        responses.put("/api/v2/incidents.json", json(api.incidentsDocument(false), json));
        responses.put("/api/v2/incidents/unresolved.json", json(api.incidentsDocument(true), json));
        responses.put("/api/v2/scheduled-maintenances.json", json(api.scheduledMaintenances(null), json));
        responses.put("/api/v2/scheduled-maintenances/upcoming.json",
                json(api.scheduledMaintenances(dev.klaxon.api.v1alpha1.PublicMaintenance.State.scheduled), json));
        responses.put("/api/v2/scheduled-maintenances/active.json",
                json(api.scheduledMaintenances(dev.klaxon.api.v1alpha1.PublicMaintenance.State.in_progress), json));
        String updated = String.valueOf(((Map<?, ?>) api.status().get("page")).get("updated_at"));
        responses.put("/feed.atom", response(Feeds.atom(page.getSpec().getTitle(), page.getMetadata().getUid(), url, updated, visible),
                "application/atom+xml; charset=utf-8"));
        responses.put("/feed.rss", response(Feeds.rss(page.getSpec().getTitle(), url, visible), "application/rss+xml; charset=utf-8"));
        return Map.copyOf(responses);
    }

    private static Response json(Object document, ObjectMapper json) {
        try {
            return response(json.writeValueAsString(document), JSON);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("maps of strings and numbers always serialize", e);
        }
    }

    private static Response response(String body, String contentType) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return new Response(bytes, "\"" + HexFormat.of().formatHex(Digests.sha256(bytes), 0, 16) + "\"", contentType);
    }
}
