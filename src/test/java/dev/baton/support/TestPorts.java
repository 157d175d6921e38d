package dev.baton.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * The ports of the test servers (GreenMail, the CRM and provisioning WireMocks), free ones chosen once
 * per test JVM, so two builds on one machine do not collide. Registered as a JUnit launcher session
 * listener, it publishes them as system properties before any Spring context reads application-test.yaml.
 */
public final class TestPorts implements LauncherSessionListener {

  public static final int SMTP = freePort();
  public static final int CRM = freePort();
  public static final int PROVISIONING = freePort();

  private static final Map<String, Integer> PROPERTIES = Map.of(
      "baton.test.smtp-port", SMTP, "baton.test.crm-port", CRM, "baton.test.provisioning-port", PROVISIONING);

  @Override
  public void launcherSessionOpened(LauncherSession session) {
    PROPERTIES.forEach((key, port) -> System.setProperty(key, String.valueOf(port)));
  }

  /** The same, for a Baton started in its own JVM with the test profile ({@link AppProcess}). */
  public static List<String> asJvmOptions() {
    return PROPERTIES.entrySet().stream().map(e -> "-D" + e.getKey() + "=" + e.getValue()).toList();
  }

  /** A port nobody listens on now, for a server of one test's own. */
  public static int free() {
    return freePort();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
