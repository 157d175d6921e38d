package dev.baton.footprint;

import dev.baton.support.AppProcess;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One start of Baton, timed twice: as Spring reports it ("Started BatonApplication in X seconds (process
 * running for Y)": X from the application context's start, Y from the JVM's), and as an operator's health
 * check sees it, from launching the JVM to the first 200 of /actuator/health (polled every 250 ms).
 */
record StartUp(String what, AppProcess app, double toHealthySeconds, double springSeconds, double jvmSeconds,
    double loadAverage) {

  private static final Pattern STARTED =
      Pattern.compile("Started BatonApplication in ([\\d.]+) seconds \\(process running for ([\\d.]+)\\)");

  static StartUp launch(String what, String logName, List<String> jvmOptions, String profile, String... args)
      throws Exception {
    long launched = System.nanoTime();
    AppProcess app = AppProcess.launch(logName, jvmOptions, profile, args);
    try {
      app.awaitStarted(Duration.ofMinutes(10));
      double toHealthy = (System.nanoTime() - launched) / 1e9;
      double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
      // Tomcat answers before Spring's ready event logs the line: give it a moment.
      for (int i = 0; i < 120; i++) {
        Matcher started = STARTED.matcher(app.output());
        if (started.find()) {
          return new StartUp(what, app, toHealthy, Double.parseDouble(started.group(1)),
              Double.parseDouble(started.group(2)), load);
        }
        Thread.sleep(250);
      }
      throw new IllegalStateException("No 'Started BatonApplication' line in the log:\n" + app.output());
    } catch (Exception | Error failed) {
      app.close();
      throw failed;
    }
  }
}
