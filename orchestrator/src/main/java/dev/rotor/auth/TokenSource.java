package dev.rotor.auth;

import dev.rotor.config.CredentialSpec.ServiceAccount;
import reactor.core.publisher.Mono;

/**
 * Obtains and revokes OAuth 2.0 access tokens for service accounts. Implemented by the Atlas client
 * against the token endpoints; the cache in this package decides when to call it.
 */
public interface TokenSource {

  /**
   * Requests a new access token with the client credentials grant.
   *
   * @return the token, or an error {@link TokenFetchException} when Atlas refused or could not be
   *     reached
   */
  Mono<AccessToken> fetch(ServiceAccount account);

  /** Revokes {@code token}; completes empty, or with an error that callers may ignore. */
  Mono<Void> revoke(ServiceAccount account, AccessToken token);
}
