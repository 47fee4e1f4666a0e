package dev.rotor.config;

import java.util.List;

/** Lists the webhooks the daemon notifies of finished runs and overdue identity providers. */
public record NotificationSettings(List<Webhook> webhooks) {

  public NotificationSettings {
    webhooks = List.copyOf(webhooks);
  }

  /** Returns the default: no webhooks. */
  public static NotificationSettings none() {
    return new NotificationSettings(List.of());
  }
}
