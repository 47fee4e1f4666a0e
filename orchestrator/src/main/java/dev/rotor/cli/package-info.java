/** The {@code rotor} command line. */
@NullMarked
package dev.rotor.cli;

import org.jspecify.annotations.NullMarked;
