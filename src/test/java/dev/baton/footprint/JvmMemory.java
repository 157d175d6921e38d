package dev.baton.footprint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The memory of another JVM on this machine: resident set from /proc/&lt;pid&gt;/status (what the operating
 * system and a container limit count), and, through jcmd, its heap after a full GC (the live data) and
 * metaspace. The GC is forced only after the resident set was read, so "RSS" is as the process was.
 */
final class JvmMemory {

  /** One reading; sizes in KiB. */
  record Sample(long rssKb, long peakRssKb, int threads, long heapUsedKb, long heapCommittedKb, long metaspaceKb,
      long rssAfterGcKb) {}

  private static final Pattern HEAP = Pattern.compile("(?m)^ \\S.*?total (\\d+)K, used (\\d+)K");
  private static final Pattern METASPACE = Pattern.compile("(?m)^ Metaspace\\s+used (\\d+)K");

  private JvmMemory() {}

  static Sample measure(long pid) throws IOException, InterruptedException {
    String before = status(pid);
    jcmd(pid, "GC.run");
    String heap = jcmd(pid, "GC.heap_info");
    long committed = 0;
    long used = 0;
    Matcher spaces = HEAP.matcher(heap);
    while (spaces.find()) {
      // G1 prints one line for the whole heap; Serial and Parallel one per generation.
      committed += Long.parseLong(spaces.group(1));
      used += Long.parseLong(spaces.group(2));
    }
    Matcher metaspace = METASPACE.matcher(heap);
    long metaspaceKb = metaspace.find() ? Long.parseLong(metaspace.group(1)) : -1;
    String after = status(pid);
    return new Sample(field(before, "VmRSS"), field(before, "VmHWM"), (int) field(before, "Threads"), used, committed,
        metaspaceKb, field(after, "VmRSS"));
  }

  /** The garbage collector and heap bounds the JVM chose or was given (from VM.flags). */
  static String flags(long pid) throws IOException, InterruptedException {
    String flags = jcmd(pid, "VM.flags");
    Matcher gc = Pattern.compile("-XX:\\+Use(\\w+)GC").matcher(flags);
    return String.format("%s GC, initial heap %d MiB, max heap %d MiB", gc.find() ? gc.group(1) : "?",
        flag(flags, "InitialHeapSize") >> 20, flag(flags, "MaxHeapSize") >> 20);
  }

  private static long flag(String flags, String name) {
    Matcher value = Pattern.compile("-XX:" + name + "=(\\d+)").matcher(flags);
    return value.find() ? Long.parseLong(value.group(1)) : -1;
  }

  private static String status(long pid) throws IOException {
    return Files.readString(Path.of("/proc", String.valueOf(pid), "status"));
  }

  private static long field(String status, String name) {
    Matcher value = Pattern.compile("(?m)^" + name + ":\\s+(\\d+)").matcher(status);
    if (!value.find()) {
      throw new IllegalStateException(name + " not in /proc status:\n" + status);
    }
    return Long.parseLong(value.group(1));
  }

  /** jcmd of the JDK running this test (it attaches to a JVM of the same user). */
  private static String jcmd(long pid, String command) throws IOException, InterruptedException {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    List<String> line = new ArrayList<>(List.of(Files.isExecutable(jcmd) ? jcmd.toString() : "jcmd",
        String.valueOf(pid), command));
    Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", line) + " failed:\n" + output);
    }
    return output;
  }
}
