package dev.baton.footprint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine's 1-minute load average (/proc/loadavg): other builds share the cores, so timings need it beside them. */
final class LoadAverage {

  private LoadAverage() {}

  static double now() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
