package dev.rotor.plan;

import java.time.LocalDateTime;
import org.jspecify.annotations.Nullable;

/**
 * A period, in the schedule's time zone, during which a plan must not fire: a change freeze, a
 * holiday. {@code from} is inclusive and {@code to} exclusive.
 */
public record Blackout(LocalDateTime from, LocalDateTime to, @Nullable String reason) {}
