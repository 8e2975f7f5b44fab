package dev.klaxon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Who may see a published incident: everyone, signed-in customers (the page's token), or nobody outside (a draft). */
public enum Visibility {
    @JsonProperty("public")
    everyone,
    customers_only,
    internal
}
