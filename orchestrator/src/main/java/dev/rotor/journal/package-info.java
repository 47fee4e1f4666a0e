/**
 * Records every run and every identity provider's intent and outcome durably, in H2 or PostgreSQL.
 */
@NullMarked
package dev.rotor.journal;

import org.jspecify.annotations.NullMarked;
