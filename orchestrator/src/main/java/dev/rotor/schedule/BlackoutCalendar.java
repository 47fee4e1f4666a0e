package dev.rotor.schedule;

import dev.rotor.plan.Blackout;
import java.time.ZoneId;
import java.util.List;
import org.quartz.impl.calendar.BaseCalendar;

/**
 * Excludes a plan's blackout periods from its trigger: each {@code [from, to)} is read in the
 * schedule's zone and kept as epoch milliseconds, so the calendar serializes small and plainly.
 */
final class BlackoutCalendar extends BaseCalendar {
  private static final long serialVersionUID = 1L;

  private final long[] starts;
  private final long[] ends;

  private BlackoutCalendar(long[] starts, long[] ends, String description) {
    this.starts = starts;
    this.ends = ends;
    setDescription(description);
  }

  /** Returns the calendar of {@code blackouts}, read in {@code zone}. */
  static BlackoutCalendar of(List<Blackout> blackouts, ZoneId zone) {
    long[] starts = new long[blackouts.size()];
    long[] ends = new long[blackouts.size()];
    for (int i = 0; i < blackouts.size(); i++) {
      starts[i] = blackouts.get(i).from().atZone(zone).toInstant().toEpochMilli();
      ends[i] = blackouts.get(i).to().atZone(zone).toInstant().toEpochMilli();
    }
    return new BlackoutCalendar(starts, ends, blackouts.size() + " blackouts in " + zone);
  }

  @Override
  public boolean isTimeIncluded(long timeStamp) {
    return super.isTimeIncluded(timeStamp) && blackoutContaining(timeStamp) < 0;
  }

  @Override
  public long getNextIncludedTime(long timeStamp) {
    long next = super.getNextIncludedTime(timeStamp);
    for (int i = blackoutContaining(next); i >= 0; i = blackoutContaining(next)) {
      next = super.getNextIncludedTime(ends[i]);
    }
    return next;
  }

  /** Returns the index of the blackout that contains {@code time}, or -1. */
  private int blackoutContaining(long time) {
    for (int i = 0; i < starts.length; i++) {
      if (time >= starts[i] && time < ends[i]) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public Object clone() {
    return new BlackoutCalendar(starts.clone(), ends.clone(), getDescription());
  }
}
