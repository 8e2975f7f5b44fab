/**
 * Playbooks and their runs: validation, the approval gate, steps run as Jobs, verification,
 * rollback, cancel; starting the run a rule names for its incidents.
 */
package dev.klaxon.playbook;
