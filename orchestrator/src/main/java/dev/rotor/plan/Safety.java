package dev.rotor.plan;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The guards a run of the plan must respect.
 *
 * @param maxIdentityProviders a run that would revoke more aborts before its first call
 * @param maxFailureRatio the run stops starting revocations once failures exceed this share
 * @param canary how many revocations must succeed, one at a time, before the rest are released
 * @param confirm whether an interactive run asks before revoking
 * @param cooldown an IdP revoked less than this long ago is skipped, unless forced; null means the
 *     configured default
 */
public record Safety(
    int maxIdentityProviders,
    double maxFailureRatio,
    int canary,
    boolean confirm,
    @Nullable Duration cooldown) {

  /** Returns the guards used when a plan has no {@code safety} section. */
  public static Safety defaults() {
    return new Safety(1000, 0.1, 1, true, null);
  }
}
