/** Reads, checks and resolves Rotor's configuration file: Atlas endpoint, credentials, store. */
@NullMarked
package dev.rotor.config;

import org.jspecify.annotations.NullMarked;
