package dev.rotor.schedule;

import dev.rotor.config.Webhook;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.util.retry.Retry;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posts events to the configured webhooks, fire-and-forget: each delivery runs on the notifier's
 * own scheduler, is signed with HMAC-SHA256 over the exact body ({@code X-Rotor-Signature:
 * sha256=<hex>}), and is retried with exponential backoff a bounded number of times; a failing
 * webhook is logged and counted, and never fails nor delays a run.
 */
final class Notifier implements AutoCloseable {
  static final String SIGNATURE_HEADER = "X-Rotor-Signature";
  static final String EVENT_HEADER = "X-Rotor-Event";
  private static final Logger log = LoggerFactory.getLogger(Notifier.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final List<Webhook> webhooks;
  private final Delivery delivery;
  private final MeterRegistry registry;
  private final Scheduler scheduler = Schedulers.newSingle("rotor-webhooks", true);
  private final ConnectionProvider pool = ConnectionProvider.create("rotor-webhooks", 16);
  private final HttpClient client;
  private final Disposable.Composite pending = Disposables.composite();

  Notifier(List<Webhook> webhooks, Delivery delivery, MeterRegistry registry) {
    this.webhooks = List.copyOf(webhooks);
    this.delivery = delivery;
    this.registry = registry;
    this.client = HttpClient.create(pool).responseTimeout(delivery.timeout());
  }

  /**
   * Sends {@code payload} as {@code event} to every webhook that wants it for {@code plan} and
   * {@code tenants}; returns at once.
   */
  void notify(Webhook.Event event, String plan, Set<String> tenants, Map<String, Object> payload) {
    byte[] body = JSON.writeValueAsBytes(payload);
    for (Webhook webhook : webhooks) {
      if (webhook.wants(event, plan, tenants)) {
        Disposable.Swap sending = Disposables.swap();
        pending.add(sending);
        sending.update(
            deliver(webhook, event, body)
                .subscribeOn(scheduler)
                .doFinally(signal -> pending.remove(sending))
                .subscribe());
      }
    }
  }

  private Mono<Void> deliver(Webhook webhook, Webhook.Event event, byte[] body) {
    String signature = "sha256=" + sign(webhook.secret().reveal(), body);
    return post(webhook, event, body, signature)
        .retryWhen(
            Retry.backoff(delivery.attempts() - 1L, delivery.backoff())
                .maxBackoff(delivery.backoff().multipliedBy(16))
                .scheduler(scheduler))
        .doOnSuccess(v -> count(event, "delivered"))
        .onErrorResume(e -> failed(webhook, event, e));
  }

  private Mono<Void> post(Webhook webhook, Webhook.Event event, byte[] body, String signature) {
    return client
        .headers(
            h ->
                h.set("Content-Type", "application/json")
                    .set(SIGNATURE_HEADER, signature)
                    .set(EVENT_HEADER, event.name()))
        .post()
        .uri(webhook.url())
        .send(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(body)))
        .responseSingle((response, content) -> content.then(Mono.just(response.status().code())))
        .flatMap(
            status ->
                status >= 200 && status < 300
                    ? Mono.<Void>empty()
                    : Mono.error(new IllegalStateException("HTTP " + status)));
  }

  private Mono<Void> failed(Webhook webhook, Webhook.Event event, Throwable error) {
    Throwable cause = reactor.core.Exceptions.unwrap(error);
    String why = cause.getCause() != null ? cause.getCause().toString() : cause.toString();
    // The host only: a webhook's path often holds its own secret.
    log.warn(
        "webhook={} event={} not delivered after {} attempts: {}",
        webhook.url().getHost(),
        event,
        delivery.attempts(),
        why);
    count(event, "failed");
    return Mono.empty();
  }

  private void count(Webhook.Event event, String outcome) {
    registry
        .counter("rotor.webhook.deliveries", "event", event.name(), "outcome", outcome)
        .increment();
  }

  /** Returns the HMAC-SHA256 of {@code body} under {@code secret}, in lower-case hex. */
  static String sign(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }

  /** Stops every delivery still retrying and releases the connections. */
  @Override
  public void close() {
    pending.dispose();
    pool.disposeLater().block(Duration.ofSeconds(5));
    scheduler.dispose();
  }

  /**
   * How webhooks are delivered.
   *
   * @param attempts the most attempts of one delivery, the first included
   * @param backoff the first wait between attempts; it doubles, with jitter
   * @param timeout how long one attempt waits for the response
   */
  record Delivery(int attempts, Duration backoff, Duration timeout) {

    /** Returns the defaults: 5 attempts, 1 s first backoff, 10 s per attempt. */
    static Delivery defaults() {
      return new Delivery(5, Duration.ofSeconds(1), Duration.ofSeconds(10));
    }
  }
}
