package dev.baton.compat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the Baton jar in demo mode on a database until its demo portfolio is in place, then stops it. */
final class BatonRun {

  private static final Duration START_LIMIT = Duration.ofMinutes(4);

  private BatonRun() {}

  static void untilDemoPortfolioIsReady(Path jar, String jdbcUrl) throws Exception {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " does not exist: run mvn verify (or package) in Baton first");
    }
    Path log = Files.createTempFile("baton-for-operaton", ".log");
    List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
        "-jar", jar.toString(), "--spring.profiles.active=demo", "--server.port=" + freePort(),
        "--spring.mail.port=" + freePort(), "--spring.datasource.url=" + jdbcUrl);
    Process baton = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      Instant deadline = Instant.now().plus(START_LIMIT);
      while (!Files.readString(log).contains("Demo portfolio ready")) {
        if (!baton.isAlive() || Instant.now().isAfter(deadline)) {
          throw new IllegalStateException("Baton did not seed its demo portfolio; its log:\n" + Files.readString(log));
        }
        Thread.sleep(500);
      }
    } finally {
      baton.destroy(); // SIGTERM: Spring closes the engine and H2 writes the database out
      if (!baton.waitFor(60, TimeUnit.SECONDS)) {
        baton.destroyForcibly().waitFor();
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
