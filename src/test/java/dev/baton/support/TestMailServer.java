package dev.baton.support;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;

/** A real SMTP server for tests (GreenMail on the test profile's SMTP port, {@link TestPorts#SMTP}). */
public final class TestMailServer {

  private TestMailServer() {}

  /** Use as {@code @RegisterExtension static GreenMailExtension mail = TestMailServer.create();} */
  public static GreenMailExtension create() {
    return new GreenMailExtension(new ServerSetup(TestPorts.SMTP, "localhost", ServerSetup.PROTOCOL_SMTP))
        .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication())
        .withPerMethodLifecycle(true);
  }
}
