package dev.klaxon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What kind of failure an incident is; the values are those of the incident-response guide. */
public enum Category {
    @JsonProperty("availability") AVAILABILITY,
    @JsonProperty("performance") PERFORMANCE,
    @JsonProperty("data_integrity") DATA_INTEGRITY,
    @JsonProperty("security") SECURITY,
    @JsonProperty("capacity") CAPACITY,
    @JsonProperty("dependency") DEPENDENCY,
    @JsonProperty("configuration") CONFIGURATION,
    @JsonProperty("model") MODEL
}
