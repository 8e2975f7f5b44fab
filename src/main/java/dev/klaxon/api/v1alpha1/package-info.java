/**
 * The custom resources of klaxon.dev/v1alpha1 (plain beans: spec, status, descriptions that become
 * the CRDs' schema), their bounds ({@link dev.klaxon.api.v1alpha1.KlaxonApi}) and the reasons of
 * conditions and Events ({@link dev.klaxon.api.v1alpha1.ConditionReason}, {@link
 * dev.klaxon.api.v1alpha1.EventReason}). Depends on nothing else of Klaxon.
 */
package dev.klaxon.api.v1alpha1;
