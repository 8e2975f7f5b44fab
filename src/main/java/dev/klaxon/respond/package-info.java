/**
 * The responder site: the image's third mode, a small workload that answers the links in pages
 * (acknowledge, escalate now, resolve, the incident's page) for a person with a phone and no
 * terminal. It checks each link with the operator's public key, shows the incident, and acts only
 * on the POST of its confirmation button, under a ServiceAccount of its own that an admission
 * policy holds to exactly those three changes. It knows the model and the shared pieces, no
 * concern of the operator.
 */
package dev.klaxon.respond;
