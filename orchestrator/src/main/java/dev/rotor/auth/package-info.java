/** Holds Atlas credentials at work: the OAuth token cache and the HTTP Digest computation. */
@NullMarked
package dev.rotor.auth;

import org.jspecify.annotations.NullMarked;
