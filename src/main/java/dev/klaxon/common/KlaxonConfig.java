package dev.klaxon.common;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Klaxon's own settings; environment variables such as KLAXON_PROMETHEUS_URL map onto them. */
@ConfigMapping(prefix = "klaxon")
public interface KlaxonConfig {

    Prometheus prometheus();

    Evaluation evaluation();

    LeaderElection leaderElection();

    OpenWork openWork();

    Archive archive();

    Maintenance maintenance();

    /** klaxon.kubernetes.*: how hard the operator may drive the API server. */
    Kubernetes kubernetes();

    Playbooks playbooks();

    Reviews reviews();

    AlertmanagerReceiver alertmanager();

    Heartbeats heartbeats();

    Watchers watchers();

    Slo slo();

    @io.smallrye.config.WithName("dead-mans-switch")
    DeadMansSwitch deadMansSwitch();

    Responder responder();

    /**
     * klaxon.responder.*: the links in every page that let the person paged acknowledge, escalate
     * or resolve from the page, answered by the responder site. Off without a URL.
     */
    interface Responder {
        /** The responder site's public address (https://respond.example.com), which links in pages point at. */
        Optional<String> url();

        /** How long a page's links work; by default until the round's escalation runs out (and at least 30 minutes). */
        Optional<Duration> linkValidity();

        /** The ConfigMap in the operator's namespace with the public key that checks links (the responder site reads it). */
        @WithDefault("klaxon-page-links")
        String verifyKeyConfigMap();
    }

    /** klaxon.alertmanager.*: the webhook receiver AlertSources' Alertmanagers post to, on every replica. */
    interface AlertmanagerReceiver {
        /** The port; 0 (the default outside the chart) serves no receiver. */
        @WithDefault("0")
        int port();

        /** The address it listens on. */
        @WithDefault("0.0.0.0")
        String host();

        /** The largest body accepted (Alertmanager's max_alerts bounds it on that side). */
        @WithDefault("2M")
        io.quarkus.runtime.configuration.MemorySize maxBodySize();

        /** At most this many alerts of one notification are read; the rest are counted as dropped. */
        @WithDefault("1000")
        int maxAlerts();

        /** Notifications of one namespace handled at once; more are answered 429 (Alertmanager retries). */
        @WithDefault("2")
        int perNamespaceConcurrency();
    }

    /** klaxon.heartbeats.*: the HTTP check-ins of Heartbeats. */
    interface Heartbeats {
        /** The port check-ins are posted to; 0 (the default outside the chart) serves none. */
        @WithDefault("0")
        int port();

        /** The address it listens on. */
        @WithDefault("0.0.0.0")
        String host();

        /** Check-ins of one namespace handled at once; more are answered 429. */
        @WithDefault("2")
        int perNamespaceConcurrency();
    }

    /**
     * klaxon.watchers.*: incidents about what Klaxon itself depends on (Prometheus), opened in a
     * namespace the operator watches and paged through a policy there. Without a namespace, none
     * are opened (rules still say PrometheusUnreachable, and the metrics show it).
     */
    interface Watchers {
        /** The namespace the incidents are opened in (a watched one, where the SRE team works incidents). */
        Optional<String> namespace();

        /** The EscalationPolicy, in that namespace, that pages for them. */
        Optional<String> escalationPolicy();

        /** How long Prometheus may go without answering any query before it is an incident. */
        @WithDefault("3m")
        Duration prometheusDownAfter();

        /** The severity of those incidents. */
        @WithDefault("SEV2")
        dev.klaxon.api.v1alpha1.Severity severity();
    }

    /**
     * klaxon.dead-mans-switch.*: the leader's outbound heartbeat, so that something outside the
     * cluster pages when Klaxon stops (a healthchecks.io-style check, PagerDuty's heartbeat URL,
     * a webhook of the team's own). Off without a Secret.
     */
    interface DeadMansSwitch {
        /** The Secret, in the operator's namespace, holding the URL to POST to. */
        Optional<String> secret();

        /** Its key. */
        @WithDefault("url")
        String key();

        /** How often the leader POSTs (set the receiving end to expect this, plus grace). */
        @WithDefault("1m")
        Duration period();
    }

    /** klaxon.reviews.*: post-incident reviews. */
    interface Reviews {
        /** The severities whose incidents get a review opened when they resolve (comma-separated; NONE: none). */
        @WithDefault("SEV1,SEV2,SEV3")
        java.util.List<String> autoCreate();
    }

    /** klaxon.notify.* ({@code notify()} is Object's). */
    @io.smallrye.config.WithName("notify")
    Notify notifications();

    interface Notify {
        /**
         * Networks no notification may reach (CIDRs): loopback, link-local (cloud metadata) and
         * "this network" by default. The API server's own host and port are always refused.
         */
        @WithDefault("127.0.0.0/8,::1/128,169.254.0.0/16,fe80::/10,0.0.0.0/8")
        java.util.List<String> deniedNetworks();

        /**
         * More networks a status page subscriber's webhook may not reach: anyone on the internet
         * names that URL, so private networks (the cluster's own among them) are refused too.
         */
        @WithDefault("10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,100.64.0.0/10,fc00::/7")
        java.util.List<String> publicDeniedNetworks();
    }

    /**
     * Overrides of the severity matrix's targets, keyed by lower-case severity (sev1..sev5), e.g.
     * klaxon.sla.sev1.response=5m; unset values keep the defaults of the incident-response guide.
     */
    Map<String, SlaTargets> sla();

    interface SlaTargets {
        /** Time to acknowledge. */
        Optional<Duration> response();

        /** Time between status updates. */
        Optional<Duration> update();

        /** Time until escalation when unacknowledged. */
        Optional<Duration> escalation();
    }

    /**
     * Secret in the operator's namespace with the key it signs its records with (each run's
     * status, each incident it opens); made when missing.
     */
    @WithDefault("klaxon-operator-key")
    String operatorKeySecret();

    interface Playbooks {
        /**
         * Whether an approval by a ServiceAccount counts. Off: approvers are people, so neither a
         * step's own ServiceAccount nor someone impersonating one can approve a gated step.
         */
        @WithDefault("false")
        boolean serviceAccountApprovers();

        /** How long a finished step Job (and its pod's logs) is kept before the cluster removes it. */
        @WithDefault("24h")
        Duration finishedJobTtl();

        /** CPU request of a step container that sets none (nor does its playbook). */
        @WithDefault("50m")
        String defaultCpuRequest();

        /** Memory request, and limit, of a step container that sets none (nor does its playbook). */
        @WithDefault("128Mi")
        String defaultMemory();

        /** CPU limit of a step container that sets none (nor does its playbook). */
        @WithDefault("1")
        String defaultCpuLimit();
    }

    /** klaxon.maintenance.*: what a tenant's maintenance window may do. */
    interface Maintenance {
        /**
         * The longest one occurrence of a window may last. A longer window is Ready=False and
         * holds nothing back: a window that ends in 9999 would otherwise silence its alerts for
         * ever. The cluster administrator's choice (the chart's maintenance.maxLength).
         */
        @WithDefault("7d")
        Duration maxLength();
    }

    /** klaxon.archive.*: the incident archive in PostgreSQL (docs/archive.md); its server is quarkus.datasource.*. */
    interface Archive {
        /** Whether final objects are written to the archive (quarkus.datasource.jdbc.url and credentials name it). */
        @WithDefault("false")
        boolean enabled();

        /**
         * How many final objects may wait for the archive while it is down; past it the oldest are
         * dropped from the queue (they stay in the cluster, and retention archives them before it deletes them).
         */
        @WithDefault("10000")
        int maxPending();

        /** The same bound in bytes of JSON (32 MiB): an outage during a burst of closures must not cost the heap paging needs. */
        @WithDefault("33554432")
        long maxPendingBytes();

        /** How long a final object stays in the cluster after it became final, per kind, before it is archived and deleted. */
        Retention retention();

        /** How often the leader looks for final objects past their retention. */
        @WithDefault("10m")
        Duration prunePeriod();

        /** Without an archive, delete final objects past their retention all the same (their history is then lost). */
        @WithDefault("false")
        boolean expireWithoutArchive();

        interface Retention {
            @WithDefault("90d")
            Duration incidents();

            @WithDefault("30d")
            Duration playbookRuns();

            @WithDefault("90d")
            Duration reviews();

            @WithDefault("30d")
            Duration maintenanceWindows();
        }
    }

    /** klaxon.open-work.*: when objects become final and leave the operator's caches (see KlaxonApi.LABEL_FINAL). */
    interface OpenWork {
        /**
         * A Resolved incident that nobody reopened for this long is closed by the operator (a
         * documented lifecycle move, with a timeline entry), and then becomes final.
         */
        @WithDefault("7d")
        Duration reopenWindow();

        /**
         * How long an object that can no longer change stays cached before it is marked final,
         * so that every reader (an incident's timeline, a status page) has seen its last state.
         */
        @WithDefault("5m")
        Duration finalGrace();
    }

    interface Kubernetes {
        /**
         * Requests per second the operator's reconcilers may send (a token bucket; 0: unbounded).
         * The Lease is renewed on a client of its own, outside this budget.
         */
        @WithDefault("200")
        double qps();

        /** Requests that may go at once above the rate after a quiet spell. */
        @WithDefault("400")
        int burst();
    }

    interface LeaderElection {
        /** Whether replicas elect a leader; off only in the dev and test profiles (one in-JVM operator). */
        @WithDefault("true")
        boolean enabled();

        /** Name of the Lease, in the operator's namespace, that the replicas compete for. */
        @WithDefault("klaxon-operator")
        String leaseName();

        /**
         * This replica's name in the Lease: the pod name (HOSTNAME) unless set, so a container
         * restarted in its pod takes its Lease back at once. Must differ between replicas.
         */
        Optional<String> identity();
    }

    interface Prometheus {
        /** Base URL of the Prometheus HTTP API. */
        @WithDefault("http://127.0.0.1:9090")
        URI url();

        /** File holding a bearer token, read on every request (projected tokens rotate). */
        Optional<Path> bearerTokenFile();

        /** PEM bundle of the CAs that sign Prometheus's certificate. */
        Optional<Path> caFile();

        /** How long one query may take. */
        @WithDefault("10s")
        Duration timeout();

        /**
         * The tenancy mode: when set (e.g. {@code namespace}), every query of a namespace's rules
         * and playbook verifications carries {@code <parameter>=<namespace>}, and {@code url} points
         * at a server that confines a query to that namespace's series: prom-label-proxy
         * ({@code -label namespace}), the tenancy port of Thanos Querier, OpenShift's. Unset, a
         * rule reads every series that Prometheus holds.
         */
        Optional<String> tenantParameter();

        /** The most series one query's answer may hold; past it the rule is Ready=False TooManySeries. */
        @WithDefault("20000")
        int maxSeries();

        /** The largest answer read from Prometheus (e.g. 32M); past it the rule is Ready=False TooManySeries. */
        @WithDefault("32M")
        io.quarkus.runtime.configuration.MemorySize maxBodySize();
    }

    /** klaxon.slo.*: how ServiceLevelObjectives are evaluated. */
    interface Slo {
        /**
         * How often each objective's burn rates are evaluated: one query per objective over its
         * short windows (6h and less); longer windows add one hourly bucket an hour.
         */
        @WithDefault("30s")
        Duration interval();

        /** Threads that evaluate objectives (each waits on its query). */
        @WithDefault("2")
        int workers();
    }

    interface Evaluation {
        /**
         * Queries in flight at once. Prometheus's engine is the cost: on 2 cores, 8 workers were
         * only 1.6x faster than sequential and raised median latency 13x.
         */
        @WithDefault("4")
        int maxConcurrentQueries();

        /**
         * The most bytes of alerts a rule's status lists (firing first); alertCounts counts them
         * all. Keeps a rule over thousands of series well under etcd's 1.5 MiB object limit.
         */
        @WithDefault("128K")
        io.quarkus.runtime.configuration.MemorySize maxStatusAlertBytes();

        /**
         * How often a rule's status mirrors its last evaluation time when nothing else changed.
         * Each mirror is a write per rule: at 1 m, 1,000 quiet rules cost the API server and etcd
         * about 0.07 cores; the live heartbeat is the metric klaxon_rule_last_evaluation_timestamp_seconds.
         */
        @WithDefault("5m")
        Duration statusMirrorInterval();

        /** Threads that run rule evaluations (each waits on its queries). */
        @WithDefault("8")
        int workers();

        /**
         * Incidents of an alert storm created side by side (each create waits on the API server,
         * which shares the cores with the new incidents' own reconciles).
         */
        @WithDefault("8")
        int incidentWriters();
    }
}
