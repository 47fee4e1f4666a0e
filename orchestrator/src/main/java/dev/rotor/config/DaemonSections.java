package dev.rotor.config;

import static dev.rotor.input.Checker.path;

import dev.rotor.input.Checker;
import dev.rotor.input.Node;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Reads the {@code daemon} and {@code notifications} sections of the configuration, recording every
 * problem with its location in the shared {@link Checker}.
 */
final class DaemonSections {
  static final List<String> DAEMON_FIELDS =
      List.of(
          "httpHost",
          "httpPort",
          "bearerToken",
          "checkinInterval",
          "staleRunAfter",
          "planPollInterval");
  static final List<String> NOTIFICATION_FIELDS = List.of("webhooks");
  static final List<String> WEBHOOK_FIELDS = List.of("url", "secret", "plans", "tenants", "events");

  private final Checker check;
  private final BiFunction<Node, String, Optional<Secret>> secrets;

  /**
   * Creates a reader that records problems in {@code check} and resolves secret references with
   * {@code secrets} (given the node and its path).
   */
  DaemonSections(Checker check, BiFunction<Node, String, Optional<Secret>> secrets) {
    this.check = check;
    this.secrets = secrets;
  }

  /** Applies both sections of {@code top}, when present, to {@code config}. */
  RotorConfig apply(Node.Mapping top, RotorConfig config) {
    RotorConfig result = config;
    Optional<Node> daemon = check.optional(top, "daemon");
    if (daemon.isPresent()) {
      result = result.withDaemon(daemon(daemon.get(), config.daemon()));
    }
    Optional<Node> notifications = check.optional(top, "notifications");
    if (notifications.isPresent()) {
      result = result.withNotifications(notifications(notifications.get()));
    }
    return result;
  }

  private DaemonSettings daemon(Node node, DaemonSettings defaults) {
    Optional<Node.Mapping> mapping = check.mapping(node, "daemon");
    if (mapping.isEmpty()) {
      return defaults;
    }
    Node.Mapping m = mapping.get();
    check.onlyFields(m, "daemon", DAEMON_FIELDS);
    var host = check.optional(m, "httpHost").flatMap(n -> check.text(n, "daemon.httpHost"));
    var port = check.optional(m, "httpPort").flatMap(this::port);
    var token =
        check.optional(m, "bearerToken").flatMap(n -> secrets.apply(n, "daemon.bearerToken"));
    return new DaemonSettings(
        host.orElse(defaults.httpHost()),
        port.orElse(defaults.httpPort()),
        token.orElse(defaults.bearerToken()),
        duration(m, "checkinInterval").orElse(defaults.checkinInterval()),
        duration(m, "staleRunAfter").orElse(defaults.staleRunAfter()),
        duration(m, "planPollInterval").orElse(defaults.planPollInterval()));
  }

  private Optional<Integer> port(Node node) {
    Optional<Long> port = check.integer(node, "daemon.httpPort", 0);
    if (port.isPresent() && port.get() > 65_535) {
      check.problem(
          node.location(), "daemon.httpPort", "must be at most 65535, found " + port.get());
      return Optional.empty();
    }
    return port.map(Long::intValue);
  }

  private Optional<Duration> duration(Node.Mapping m, String key) {
    return check.optional(m, key).flatMap(n -> check.duration(n, path("daemon", key)));
  }

  private NotificationSettings notifications(Node node) {
    Optional<Node.Mapping> mapping = check.mapping(node, "notifications");
    if (mapping.isEmpty()) {
      return NotificationSettings.none();
    }
    check.onlyFields(mapping.get(), "notifications", NOTIFICATION_FIELDS);
    List<Webhook> webhooks = new ArrayList<>();
    Optional<List<Node>> items =
        check
            .optional(mapping.get(), "webhooks")
            .flatMap(n -> check.list(n, "notifications.webhooks"));
    List<Node> list = items.orElse(List.of());
    for (int i = 0; i < list.size(); i++) {
      webhook(list.get(i), path("notifications.webhooks", i)).ifPresent(webhooks::add);
    }
    return new NotificationSettings(webhooks);
  }

  private Optional<Webhook> webhook(Node node, String at) {
    Optional<Node.Mapping> mapping = check.mapping(node, at);
    if (mapping.isEmpty()) {
      return Optional.empty();
    }
    Node.Mapping m = mapping.get();
    check.onlyFields(m, at, WEBHOOK_FIELDS);
    var url = check.required(m, at, "url").flatMap(n -> url(n, path(at, "url")));
    var secret = check.required(m, at, "secret").flatMap(n -> secrets.apply(n, path(at, "secret")));
    var plans = names(m, at, "plans");
    var tenants = names(m, at, "tenants");
    var events = check.optional(m, "events").map(n -> events(n, path(at, "events")));
    if (url.isEmpty() || secret.isEmpty()) {
      return Optional.empty();
    }
    Set<Webhook.Event> all = EnumSet.allOf(Webhook.Event.class);
    return Optional.of(new Webhook(url.get(), secret.get(), plans, tenants, events.orElse(all)));
  }

  private Set<String> names(Node.Mapping m, String at, String key) {
    Set<String> names = new LinkedHashSet<>();
    List<Node> items =
        check.optional(m, key).flatMap(n -> check.list(n, path(at, key))).orElse(List.of());
    for (int i = 0; i < items.size(); i++) {
      check.text(items.get(i), path(path(at, key), i)).ifPresent(names::add);
    }
    return names;
  }

  private Set<Webhook.Event> events(Node node, String at) {
    Set<Webhook.Event> events = EnumSet.noneOf(Webhook.Event.class);
    List<Node> items = check.list(node, at).orElse(List.of());
    for (int i = 0; i < items.size(); i++) {
      Node item = items.get(i);
      String itemPath = path(at, i);
      check.text(item, itemPath).flatMap(t -> event(item, itemPath, t)).ifPresent(events::add);
    }
    return events;
  }

  private Optional<Webhook.Event> event(Node node, String at, String text) {
    try {
      return Optional.of(Webhook.Event.valueOf(text.strip()));
    } catch (IllegalArgumentException e) {
      String known =
          String.join(", ", EnumSet.allOf(Webhook.Event.class).stream().map(Enum::name).toList());
      check.problem(
          node.location(), at, "unknown event '" + text + "' (expected one of: " + known + ")");
      return Optional.empty();
    }
  }

  private Optional<URI> url(Node node, String at) {
    Optional<String> text = check.text(node, at);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      URI uri = new URI(text.get());
      boolean http = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
      if (http && uri.getHost() != null) {
        return Optional.of(uri);
      }
    } catch (URISyntaxException e) {
      // Reported below, as for a URL that is not http.
    }
    check.problem(node.location(), at, "expected an http or https URL, found '" + text.get() + "'");
    return Optional.empty();
  }
}
