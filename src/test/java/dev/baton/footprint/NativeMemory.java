package dev.baton.footprint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a JVM's memory goes, by category (Java Heap, Class, Code, GC, Thread, ...), from Native Memory
 * Tracking: only when Baton was started with -XX:NativeMemoryTracking=summary (it costs some memory itself,
 * so the benchmark's figures are taken without it). Committed is an upper bound of resident; what RSS
 * holds beyond the total is mostly the C heap's (glibc malloc) own overhead.
 */
final class NativeMemory {

  private static final Pattern CATEGORY = Pattern.compile("(?m)^-\\s+(.+?) \\(reserved=\\d+KB, committed=(\\d+)KB");
  private static final Pattern TOTAL = Pattern.compile("Total: reserved=\\d+KB, committed=(\\d+)KB");

  private NativeMemory() {}

  static boolean tracked(java.util.List<String> jvmOptions) {
    return jvmOptions.stream().anyMatch(option -> option.startsWith("-XX:NativeMemoryTracking=")
        && !option.endsWith("=off"));
  }

  /** Committed KiB by category, "Total" first, largest categories only (1 MiB and up). */
  static Map<String, Long> committedKb(long pid) throws IOException, InterruptedException {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    Process process = new ProcessBuilder(Files.isExecutable(jcmd) ? jcmd.toString() : "jcmd", String.valueOf(pid),
        "VM.native_memory", "summary").redirectErrorStream(true).start();
    String summary = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    process.waitFor();
    Map<String, Long> committed = new LinkedHashMap<>();
    Matcher total = TOTAL.matcher(summary);
    if (total.find()) {
      committed.put("Total", Long.parseLong(total.group(1)));
    }
    Matcher category = CATEGORY.matcher(summary);
    while (category.find()) {
      long kb = Long.parseLong(category.group(2));
      if (kb >= 1024) {
        committed.put(category.group(1).trim(), kb);
      }
    }
    return committed;
  }
}
