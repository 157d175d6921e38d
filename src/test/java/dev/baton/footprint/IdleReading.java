package dev.baton.footprint;

import java.time.Duration;
import java.util.Map;

/**
 * Baton left alone for a while (no requests; only its job executor polling and its timers), then read: the CPU
 * it used meanwhile, its memory at the end and, with Native Memory Tracking on, where that memory is.
 */
record IdleReading(JvmMemory.Sample memory, double cpuPercent, Map<String, Long> nativeKb) {

  static IdleReading take(long pid, Duration idle, boolean nativeTracking) throws Exception {
    double cpu = ProcessCpu.seconds(pid);
    long start = System.nanoTime();
    Thread.sleep(idle.toMillis());
    double used = ProcessCpu.seconds(pid) - cpu;
    double percent = 100 * used / ((System.nanoTime() - start) / 1e9);
    // Native memory before the forced GC of JvmMemory, like its RSS.
    Map<String, Long> nativeKb = nativeTracking ? NativeMemory.committedKb(pid) : Map.of();
    return new IdleReading(JvmMemory.measure(pid), percent, nativeKb);
  }
}
