package dev.klaxon.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

/** A process's Prometheus text exposition, read once, and the sums tests ask of it. */
public final class MetricsPage {

    private final String body;

    private MetricsPage(String body) {
        this.body = body;
    }

    /** The page at {@code url}, as it is now. */
    public static MetricsPage read(String url) {
        try {
            return new MetricsPage(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The sum of the samples whose name (and labels, when given as {@code name{label="value",...}})
     * match; 0 when there are none.
     */
    public double sum(String selector) {
        String name = selector.contains("{") ? selector.substring(0, selector.indexOf('{')) : selector;
        List<String> labels = selector.contains("{")
                ? List.of(selector.substring(selector.indexOf('{') + 1, selector.length() - 1).split(",")) : List.of();
        return body.lines().filter(l -> !l.startsWith("#"))
                .filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
                .filter(l -> labels.stream().allMatch(l::contains))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
