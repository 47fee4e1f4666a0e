/**
 * The revocation engine: resolves a plan into targets, fans the revoke calls out per tenant within
 * each tenant's limits, settles unknown outcomes from Atlas's events, and records every intent and
 * outcome in the journal before it counts.
 */
@NullMarked
package dev.rotor.engine;

import org.jspecify.annotations.NullMarked;
