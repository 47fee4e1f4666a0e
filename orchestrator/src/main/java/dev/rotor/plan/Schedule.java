package dev.rotor.plan;

import java.time.ZoneId;
import java.util.List;

/**
 * When the daemon fires a plan: a Quartz cron expression read in {@code zone}, what to do about a
 * fire time missed while no daemon ran, and periods in which the plan must not fire.
 */
public record Schedule(String cron, ZoneId zone, Misfire misfire, List<Blackout> blackouts) {

  public Schedule {
    blackouts = List.copyOf(blackouts);
  }

  /** What the daemon does about fire times it missed. */
  public enum Misfire {
    /** Do nothing and wait for the next fire time. */
    SKIP,
    /** Fire once now, however many fire times were missed. */
    FIRE_ONCE;

    /** Returns the name written in plan files. */
    public String yamlName() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }
}
