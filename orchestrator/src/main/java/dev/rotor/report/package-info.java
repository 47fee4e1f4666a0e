/** Writes, signs and verifies the reports of runs, built from the journal alone. */
@NullMarked
package dev.rotor.report;

import org.jspecify.annotations.NullMarked;
