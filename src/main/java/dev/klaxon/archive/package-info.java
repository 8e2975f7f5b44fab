/**
 * The incident archive: every object that becomes final is written, whole, to PostgreSQL (keyed
 * by UID, plain SQL over documented views), on a thread of its own. An archive that is down or
 * failing delays only its own writes: the operator starts, pages and marks objects final without it.
 */
package dev.klaxon.archive;
