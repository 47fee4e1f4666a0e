/** Speaks HTTP to the Atlas Administration API: the only package that does. */
@NullMarked
package dev.rotor.atlas;

import org.jspecify.annotations.NullMarked;
