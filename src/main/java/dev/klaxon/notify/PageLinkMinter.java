package dev.klaxon.notify;

import dev.klaxon.api.v1alpha1.EscalationState;
import dev.klaxon.api.v1alpha1.Incident;
import dev.klaxon.api.v1alpha1.IncidentStatus;
import dev.klaxon.api.v1alpha1.NotificationChannelSpec;
import dev.klaxon.api.v1alpha1.NotificationRecord;
import dev.klaxon.common.KlaxonConfig;
import dev.klaxon.common.OperatorKey;
import dev.klaxon.common.PageLink;
import dev.klaxon.common.PageLinkKeys;
import dev.klaxon.common.Timestamps;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Makes the links of a page: for each person it is for, a signed link to acknowledge, to escalate
 * now, to resolve, and to the incident's page (see {@link PageLink}). Off unless
 * {@code klaxon.responder.url} names the responder site. The public key that checks them is
 * published in a ConfigMap of the operator's namespace, where the responder site reads it.
 */
@Singleton
public class PageLinkMinter {

    /** Named link sets in a Slack or Teams page at most; more people share one set for the channel's readers. */
    static final int MAX_CHAT_SETS = 5;
    /** Links of a round whose escalation ends sooner still work this long. */
    static final Duration MIN_VALIDITY = Duration.ofMinutes(30);
    private static final Logger LOG = Logger.getLogger(PageLinkMinter.class);
    private static final Base64.Encoder IDS = Base64.getUrlEncoder().withoutPadding();

    private final KubernetesClient client;
    private final OperatorKey operatorKey;
    private final Clock clock;
    private final Optional<String> url;
    private final Optional<Duration> validity;
    private final String configMap;
    private final SecureRandom random = new SecureRandom();
    private volatile KeyPair keys;
    private volatile boolean published;

    @Inject
    public PageLinkMinter(KubernetesClient client, OperatorKey operatorKey, Clock clock, KlaxonConfig config) {
        this(client, operatorKey, clock, config.responder().url(), config.responder().linkValidity(),
                config.responder().verifyKeyConfigMap());
    }

    PageLinkMinter(KubernetesClient client, OperatorKey operatorKey, Clock clock, Optional<String> url, Optional<Duration> validity,
            String configMap) {
        this.client = client;
        this.operatorKey = operatorKey;
        this.clock = clock;
        this.url = url.map(u -> u.strip().replaceAll("/+$", "")).filter(u -> !u.isEmpty());
        this.validity = validity;
        this.configMap = configMap;
    }

    void onStart(@Observes StartupEvent started) {
        if (url.isPresent()) {
            publish();
        }
    }

    /**
     * The links for the page {@code record} announces, one set per person it names (one set for
     * the channel's readers when it names nobody); none for other notifications, for PagerDuty
     * (which has its own acknowledge) or while links are off.
     */
    List<ActionLinks> forPage(Incident incident, NotificationRecord record, NotificationChannelSpec channel) {
        NotificationChannelSpec.Type channelType = channel.getType();
        NotificationEvent event = NotificationEvent.parse(record.getEvent());
        Optional<NotificationEvent.PageStep> step = event.pageStep();
        if (url.isEmpty() || step.isEmpty() || channelType == NotificationChannelSpec.Type.PagerDuty) {
            return List.of();
        }
        if (!published) {
            publish();
        }
        Instant now = clock.instant();
        long expires = expiry(incident.getStatus(), now).getEpochSecond();
        List<String> people = record.getRecipients() == null || record.getRecipients().isEmpty() ? List.of("") : record.getRecipients();
        boolean chat = channelType == NotificationChannelSpec.Type.Slack || channelType == NotificationChannelSpec.Type.Teams;
        // Buttons act only for someone the page named: a page that named nobody carries the readers' links instead.
        boolean interactive = channelType == NotificationChannelSpec.Type.Slack && Boolean.TRUE.equals(channel.getInteractive())
                && record.getRecipients() != null && !record.getRecipients().isEmpty();
        if (chat && people.size() > MAX_CHAT_SETS || interactive) {
            // An interactive channel's buttons act as whoever presses them, so they carry the readers' links.
            // Four links of ~400 characters per person: a big level's chat message would outgrow what Slack and Teams take.
            people = List.of("");
        }
        List<ActionLinks> links = new ArrayList<>();
        for (String person : people) {
            byte[] id = new byte[12];
            random.nextBytes(id);
            PageLink link = new PageLink(incident.getMetadata().getNamespace(), incident.getMetadata().getName(),
                    incident.getMetadata().getUid(), event.round(), step.get().policy(), step.get().repeat(), step.get().level(), person, record.getChannel(),
                    PageLink.Action.view, expires, IDS.encodeToString(id));
            if (interactive) {
                links.add(new ActionLinks(person, address(link), address(link.withAction(PageLink.Action.acknowledge).asButton()),
                        address(link.withAction(PageLink.Action.escalate).asButton()), address(link.withAction(PageLink.Action.resolve).asButton()),
                        true));
            } else {
                links.add(new ActionLinks(person, address(link), address(link.withAction(PageLink.Action.acknowledge)),
                        address(link.withAction(PageLink.Action.escalate)), address(link.withAction(PageLink.Action.resolve))));
            }
        }
        return links;
    }

    /** The configured validity, or until this round's escalation runs out and at least {@link #MIN_VALIDITY}. */
    Instant expiry(IncidentStatus status, Instant now) {
        if (validity.isPresent()) {
            return now.plus(validity.get());
        }
        Instant floor = now.plus(MIN_VALIDITY);
        EscalationState escalation = status == null ? null : status.getEscalation();
        if (escalation == null || escalation.getEndsAt() == null) {
            return floor;
        }
        Instant ends = Timestamps.parse(escalation.getEndsAt());
        return ends.isAfter(floor) ? ends : floor;
    }

    private String address(PageLink link) {
        return url.orElseThrow() + "/l/" + link.sign(keys().getPrivate());
    }

    private KeyPair keys() {
        KeyPair current = keys;
        if (current == null) {
            current = PageLinkKeys.derive(operatorKey);
            keys = current;
        }
        return current;
    }

    /** For tests that make links without an API server. */
    void markPublished() {
        published = true;
    }

    /** Writes the public key where the responder site reads it; a failure is retried with the next page. */
    private synchronized void publish() {
        if (published) {
            return;
        }
        String namespace = client.getNamespace();
        String key = PageLinkKeys.publicText(keys().getPublic());
        try {
            ConfigMap existing = client.configMaps().inNamespace(namespace).withName(configMap).get();
            if (existing == null) {
                client.resource(new ConfigMapBuilder().withNewMetadata().withName(configMap).withNamespace(namespace)
                        .addToLabels("app.kubernetes.io/name", "klaxon").endMetadata().withData(Map.of(PageLinkKeys.CONFIG_MAP_KEY, key)).build()).create();
            } else if (existing.getData() == null || !key.equals(existing.getData().get(PageLinkKeys.CONFIG_MAP_KEY))) {
                existing.setData(Map.of(PageLinkKeys.CONFIG_MAP_KEY, key));
                client.resource(existing).update();
            }
            published = true;
        } catch (KubernetesClientException e) {
            // Another replica may have written it first (409): the next page looks again.
            LOG.warnf("publishing the page links' public key in ConfigMap %s/%s failed (HTTP %d): %s", namespace, configMap, e.getCode(),
                    e.getStatus() != null ? e.getStatus().getMessage() : e.getMessage());
        }
    }
}
