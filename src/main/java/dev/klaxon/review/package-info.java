/**
 * Post-incident reviews: opening the automatic review, prefilling it from its incident, its
 * document, publishing its summary, and following its action items until they are done.
 */
package dev.klaxon.review;
