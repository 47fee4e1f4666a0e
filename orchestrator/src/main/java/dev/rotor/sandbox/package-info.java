/**
 * Serves an embedded imitation of the parts of the MongoDB Atlas Administration API that Rotor
 * uses, so that demos, end-to-end tests and benchmarks run on one machine without an Atlas account.
 *
 * <p>The package stands apart from the rest of Rotor: it imports no other {@code dev.rotor} package
 * and shares no wire-format code with Rotor's client. It follows the public API description on its
 * own.
 */
@NullMarked
package dev.rotor.sandbox;

import org.jspecify.annotations.NullMarked;
