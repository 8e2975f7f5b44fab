package dev.klaxon.statuspage.site;

import dev.klaxon.common.Html;
import dev.klaxon.api.v1alpha1.PublicIncident;
import dev.klaxon.api.v1alpha1.PublicUpdate;
import dev.klaxon.common.Timestamps;
import java.util.Comparator;
import java.util.List;

/**
 * The page's incidents as an Atom and an RSS feed: one entry per public update, newest first, so
 * a feed reader shows each new update as news.
 */
final class Feeds {

    /** Entries in a feed: enough for a reader that polls now and then. */
    static final int MAX_ENTRIES = 50;

    private record Entry(PublicIncident incident, PublicUpdate update) {
    }

    private Feeds() {
    }

    static String atom(String title, String pageId, String url, String updatedAt, List<PublicIncident> incidents) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
        xml.append("  <id>urn:klaxon:status-page:").append(Html.escape(pageId)).append("</id>\n");
        xml.append("  <title>").append(Html.escape(title)).append(" – incidents</title>\n");
        xml.append("  <updated>").append(Html.escape(updatedAt)).append("</updated>\n");
        if (url != null) {
            xml.append("  <link rel=\"alternate\" href=\"").append(Html.escape(url)).append("\"/>\n");
        }
        for (Entry entry : entries(incidents)) {
            xml.append("  <entry>\n");
            xml.append("    <id>urn:klaxon:incident-update:").append(Html.escape(entry.incident().getId())).append(':')
                    .append(Html.escape(entry.update().getId())).append("</id>\n");
            xml.append("    <title>").append(Html.escape(entry.incident().getTitle())).append(" – ")
                    .append(entry.update().getStatus()).append("</title>\n");
            xml.append("    <updated>").append(Html.escape(entry.update().getTime())).append("</updated>\n");
            if (url != null) {
                xml.append("    <link rel=\"alternate\" href=\"").append(Html.escape(url + "/incidents/" + entry.incident().getId()))
                        .append("\"/>\n");
            }
            xml.append("    <author><name>").append(Html.escape(title)).append("</name></author>\n");
            xml.append("    <content type=\"text\">").append(Html.escape(entry.update().getMessage())).append("</content>\n");
            xml.append("  </entry>\n");
        }
        return xml.append("</feed>\n").toString();
    }

    static String rss(String title, String url, List<PublicIncident> incidents) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\">\n<channel>\n");
        xml.append("  <title>").append(Html.escape(title)).append(" – incidents</title>\n");
        xml.append("  <link>").append(Html.escape(url == null ? "" : url)).append("</link>\n");
        xml.append("  <description>Incidents and their updates</description>\n");
        for (Entry entry : entries(incidents)) {
            xml.append("  <item>\n");
            xml.append("    <title>").append(Html.escape(entry.incident().getTitle())).append(" – ")
                    .append(entry.update().getStatus()).append("</title>\n");
            xml.append("    <guid isPermaLink=\"false\">").append(Html.escape(entry.incident().getId() + ":" + entry.update().getId()))
                    .append("</guid>\n");
            rfc822(entry.update().getTime()).ifPresent(date -> xml.append("    <pubDate>").append(date).append("</pubDate>\n"));
            if (url != null) {
                xml.append("    <link>").append(Html.escape(url + "/incidents/" + entry.incident().getId())).append("</link>\n");
            }
            xml.append("    <description>").append(Html.escape(entry.update().getMessage())).append("</description>\n");
            xml.append("  </item>\n");
        }
        return xml.append("</channel>\n</rss>\n").toString();
    }

    private static List<Entry> entries(List<PublicIncident> incidents) {
        return incidents.stream().flatMap(i -> i.getUpdates().stream().map(u -> new Entry(i, u)))
                .sorted(Comparator.comparing((Entry e) -> e.update().getTime()).reversed()).limit(MAX_ENTRIES).toList();
    }

    /** RFC 822, or nothing for a time that is not one (a 30 February passes the schema's pattern). */
    private static java.util.Optional<String> rfc822(String time) {
        return Timestamps.parseWritten(time)
                .map(at -> java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(at.atZone(java.time.ZoneOffset.UTC)));
    }
}
