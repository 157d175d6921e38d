package dev.baton.footprint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time another process has used (user + system, /proc/&lt;pid&gt;/stat): what Baton burns while idle. */
final class ProcessCpu {

  /** Linux reports it in clock ticks; USER_HZ is 100 on every mainstream kernel build. */
  private static final double TICKS_PER_SECOND = 100;

  private ProcessCpu() {}

  static double seconds(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
    // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
  }
}
