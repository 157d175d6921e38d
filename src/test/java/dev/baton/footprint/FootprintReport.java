package dev.baton.footprint;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The figures of one FootprintBenchmark run, printed as a table (MiB, seconds, load average). */
final class FootprintReport {

  private record Row(String what, StartUp startUp, IdleReading idle, double loadAverage) {}

  private final int instances;
  private final String database;
  private final String profile;
  private final List<String> jvmOptions;
  private final Duration idle;
  private final List<Row> rows = new ArrayList<>();
  private final List<String> sizes = new ArrayList<>();
  private String jvm = "?";
  private RunningPortfolio.Made made;
  private int mails;
  private double loadWhileMaking;
  private AcquisitionQuery.Timing acquisition;

  FootprintReport(int instances, String database, String profile, List<String> jvmOptions, Duration idle) {
    this.instances = instances;
    this.database = database;
    this.profile = profile;
    this.jvmOptions = jvmOptions;
    this.idle = idle;
  }

  void jvm(String flags) {
    this.jvm = flags;
  }

  void started(StartUp startUp, IdleReading idle) {
    rows.add(new Row(startUp.what(), startUp, idle, startUp.loadAverage()));
  }

  void measured(String what, IdleReading idle, double loadAverage) {
    rows.add(new Row(what, null, idle, loadAverage));
  }

  void made(RunningPortfolio.Made made, int mails, double loadAverage) {
    this.made = made;
    this.mails = mails;
    this.loadWhileMaking = loadAverage;
  }

  void acquisition(AcquisitionQuery.Timing timing) {
    this.acquisition = timing;
  }

  void databaseSize(String when, long bytes) {
    sizes.add(String.format(Locale.ROOT, "%s %.1f MiB", when, bytes / 1048576.0));
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder(String.format(Locale.ROOT, """

        ==== FootprintBenchmark: %,d running instances ====
        database:     %s
        Baton JVM:    options %s -> %s; profile %s, job executor on; %d cores
        memory:       after %d s idle (its CPU meanwhile: idle CPU): RSS (VmRSS) as the process was, then heap and
                      metaspace after a full GC (jcmd GC.run)
        start-up:     Spring's "Started BatonApplication in X s (process running for Y s)", and launch -> /actuator/health 200
        """, instances, database, jvmOptions.isEmpty() ? "(none: JVM defaults)" : String.join(" ", jvmOptions), jvm,
        profile, Runtime.getRuntime().availableProcessors(), idle.toSeconds()));
    out.append(String.format(Locale.ROOT, "%-38s %8s %8s %9s %8s %8s %9s %9s %7s %8s %5s%n", "", "Spring s", "JVM s",
        "healthy s", "RSS MiB", "peak RSS", "heap MiB", "metaspace", "threads", "idle CPU", "load"));
    for (Row row : rows) {
      JvmMemory.Sample m = row.idle().memory();
      StartUp s = row.startUp();
      out.append(String.format(Locale.ROOT, "%-38s %8s %8s %9s %8.0f %8.0f %9s %9.0f %7d %7.1f%% %5.1f%n", row.what(),
          s == null ? "-" : String.format(Locale.ROOT, "%.1f", s.springSeconds()),
          s == null ? "-" : String.format(Locale.ROOT, "%.1f", s.jvmSeconds()),
          s == null ? "-" : String.format(Locale.ROOT, "%.1f", s.toHealthySeconds()),
          m.rssKb() / 1024.0, m.peakRssKb() / 1024.0,
          String.format(Locale.ROOT, "%.0f/%.0f", m.heapUsedKb() / 1024.0, m.heapCommittedKb() / 1024.0),
          m.metaspaceKb() / 1024.0, m.threads(), row.idle().cpuPercent(), row.loadAverage()));
    }
    out.append("(heap MiB: used/committed after the full GC; RSS after that GC: ");
    out.append(String.join(", ", rows.stream().map(r -> String.format(Locale.ROOT, "%.0f", r.idle().memory().rssAfterGcKb() / 1024.0))
        .toList())).append(" MiB)\n");
    for (Row row : rows) {
      if (!row.idle().nativeKb().isEmpty()) {
        out.append(String.format(Locale.ROOT, "NMT committed MiB, %s: ", row.what()));
        out.append(String.join(", ", row.idle().nativeKb().entrySet().stream()
            .map(e -> String.format(Locale.ROOT, "%s %.0f", e.getKey(), e.getValue() / 1024.0)).toList())).append('\n');
      }
    }
    if (made != null) {
      double seconds = made.took().toMillis() / 1000.0;
      out.append(String.format(Locale.ROOT, """
          instances:    made through public paths only, in %.0f s (%.1f running instances/s, load %.1f at the end):
                        %,d signed CRM webhooks (deal won), %,d accounts (PUT /api/accounts) each with a red health
                        signal, %,d handoffs walked into onboarding (3 task completions each, engine REST as Tasklist)
          running:      %s = %,d; jobs %,d (timers), failed jobs %d, incidents %d; %,d mails delivered to SMTP
          """, seconds, made.total() / seconds, loadWhileMaking, made.deals(), made.redAccounts(), made.onboardings(),
          made.running(), made.total(), made.jobs(), made.failedJobs(), made.incidents(), mails));
    }
    out.append("database:     ").append(String.join("; ", sizes)).append('\n');
    if (acquisition != null) {
      out.append(String.format(Locale.ROOT, "job executor: %.2f ms per acquisition query with %,d jobs waiting%s%n",
          acquisition.millis(), made == null ? 0 : made.jobs(), Double.isNaN(acquisition.withoutIndexMillis()) ? ""
              : String.format(Locale.ROOT, " (%.2f ms without the due-date index)", acquisition.withoutIndexMillis())));
    }
    out.append("=".repeat(100)).append('\n');
    return out.toString();
  }
}
