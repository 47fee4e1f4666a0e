package dev.rotor.plan;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A federation of a tenant and which of its identity providers to revoke: the listed ids, or those
 * the selector matches when the run starts. Exactly one of the two is set.
 */
public record Federation(
    String federationSettingsId, List<String> identityProviderIds, @Nullable Selector selector) {

  public Federation {
    identityProviderIds = List.copyOf(identityProviderIds);
  }
}
