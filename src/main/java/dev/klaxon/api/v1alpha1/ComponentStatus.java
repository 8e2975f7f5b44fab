package dev.klaxon.api.v1alpha1;

/**
 * How a status-page component is doing, from best to worst as the page ranks them: the overall
 * status of a page is the worst of its components (major outage before partial outage before
 * degraded before maintenance before operational).
 */
public enum ComponentStatus {
    operational, maintenance, degraded, partial_outage, major_outage;

    /** What an open incident of {@code severity} makes of the components it affects. */
    public static ComponentStatus of(Severity severity) {
        if (severity == null) {
            return degraded;
        }
        return switch (severity) {
            case SEV1 -> major_outage;
            case SEV2 -> partial_outage;
            case SEV3, SEV4 -> degraded;
            case SEV5 -> operational;
        };
    }

    /** The worse of the two. */
    public ComponentStatus worst(ComponentStatus other) {
        return other != null && other.ordinal() > ordinal() ? other : this;
    }
}
