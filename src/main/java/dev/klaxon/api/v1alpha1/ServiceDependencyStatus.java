package dev.klaxon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Whether the dependencies are in force (they are, once read). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ServiceDependencyStatus extends KlaxonStatus {
}
