package dev.rotor.journal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies many changes with few round trips: one JDBC batch per kind of change. Changes are cut
 * into segments in which no target appears twice, so that an intent and the outcome that follows it
 * are applied in the order given even though each segment runs one kind after the other.
 */
final class Changes {
  private Changes() {}

  /**
   * Applies {@code changes} on {@code connection} without committing, and returns, for each change
   * in order, whether it updated its target.
   */
  static boolean[] apply(Connection connection, List<? extends Change> changes)
      throws SQLException {
    boolean[] applied = new boolean[changes.size()];
    int start = 0;
    while (start < changes.size()) {
      int end = segmentEnd(changes, start);
      applySegment(connection, changes, start, end, applied);
      start = end;
    }
    return applied;
  }

  private static int segmentEnd(List<? extends Change> changes, int start) {
    Set<String> keys = new HashSet<>();
    int end = start;
    while (end < changes.size() && keys.add(changes.get(end).key())) {
      end++;
    }
    return end;
  }

  private static void applySegment(
      Connection connection, List<? extends Change> changes, int start, int end, boolean[] applied)
      throws SQLException {
    for (Map.Entry<String, List<Integer>> kind : bySql(changes, start, end).entrySet()) {
      try (PreparedStatement ps = connection.prepareStatement(kind.getKey())) {
        for (int index : kind.getValue()) {
          changes.get(index).bind(ps);
          ps.addBatch();
        }
        int[] counts = ps.executeBatch();
        for (int i = 0; i < counts.length; i++) {
          applied[kind.getValue().get(i)] = counts[i] != 0;
        }
      }
    }
  }

  private static Map<String, List<Integer>> bySql(
      List<? extends Change> changes, int start, int end) {
    Map<String, List<Integer>> bySql = new LinkedHashMap<>();
    for (int i = start; i < end; i++) {
      bySql.computeIfAbsent(changes.get(i).sql(), sql -> new ArrayList<>()).add(i);
    }
    return bySql;
  }
}
