/** Reads YAML input with source locations and reports every problem at once. */
@NullMarked
package dev.rotor.input;

import org.jspecify.annotations.NullMarked;
