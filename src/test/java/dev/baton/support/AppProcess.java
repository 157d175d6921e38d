package dev.baton.support;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Baton started as its own JVM, as an operator starts it: for checks of start-up itself (a second
 * start, production mode, a crash) that a Spring test context cannot make. Output goes to a log
 * file under target/app-process.
 */
public final class AppProcess implements AutoCloseable {

  private final Process process;
  private final int port;
  private final Path log;

  private AppProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /**
   * JVM options for a Baton that a test starts and stops within seconds: the quick (C1) compiler only and the
   * serial collector, so start-up does not share the build's two cores with compiler and GC threads. Not for
   * measurements of memory or speed (the footprint benchmarks give their own options).
   */
  public static final List<String> QUICK_START = List.of("-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

  /** Starts Baton with the test profile and these command-line arguments; does not wait. */
  public static AppProcess launch(String name, String... args) throws IOException {
    return launch(name, QUICK_START, "test", args);
  }

  /** Starts Baton with these JVM options (heap, GC) and Spring profile (null: none, as {@code java -jar}); does not wait. */
  public static AppProcess launch(String name, List<String> jvmOptions, String profile, String... args)
      throws IOException {
    int port = freePort();
    Path dir = Files.createDirectories(Path.of("target", "app-process"));
    Path log = dir.resolve(name + ".log");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    // The test profile reads the test servers' ports (TestPorts) from these.
    command.addAll(TestPorts.asJvmOptions());
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.baton.BatonApplication",
        "--server.port=" + port));
    if (profile != null) {
      command.add("--spring.profiles.active=" + profile);
    }
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    // The database is named by arguments only: the build's own DB_URL (-Ppostgres) must not leak into a Baton
    // that a test starts on purpose without one.
    builder.environment().keySet().removeAll(List.of("DB_URL", "DB_USER", "DB_PASSWORD"));
    Process process = builder.start();
    return new AppProcess(process, port, log);
  }

  /** Waits until the application answers on its health endpoint. */
  public AppProcess awaitStarted(Duration timeout) throws Exception {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Baton exited with " + process.exitValue() + ":\n" + output());
      }
      try {
        if (get("/actuator/health", null).statusCode() == 200) {
          return this;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("Baton did not start within " + timeout + ":\n" + output());
  }

  /** Waits until the application's log has this line (the demo portfolio is made in the background after start). */
  public AppProcess awaitOutput(String line, Duration timeout) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (!output().contains(line)) {
      if (Instant.now().isAfter(deadline) || !process.isAlive()) {
        throw new IllegalStateException("No '" + line + "' within " + timeout + ":\n" + output());
      }
      Thread.sleep(250);
    }
    return this;
  }

  /** Waits for the process to end by itself (a refused start) and returns its exit code. */
  public int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("Baton still running after " + timeout);
    }
    return process.exitValue();
  }

  public HttpResponse<String> get(String path, String credentials) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .timeout(Duration.ofSeconds(10));
    if (credentials != null) {
      request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes()));
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  public int port() {
    return port;
  }

  /** The operating system's id of the child JVM (for kill, /proc and jcmd). */
  public long pid() {
    return process.pid();
  }

  public String output() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no output: " + e.getMessage() + ")";
    }
  }

  /** SIGKILL, as a crash. */
  public void kill() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  /** SIGTERM, as an orderly stop. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }

  /** A fresh H2 file database under target/, for a child that must keep its data across restarts. */
  public static String fileDatabase(String name) {
    File dir = new File("target/app-process/db-" + name + "-" + System.nanoTime());
    return "jdbc:h2:file:" + dir.getAbsolutePath() + "/baton;DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=30000;WRITE_DELAY=0";
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
