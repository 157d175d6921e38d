package dev.baton.support;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;

/** A real SMTP server for tests (GreenMail on localhost:3025, as the test profile expects). */
public final class TestMailServer {

  private TestMailServer() {}

  /** Use as {@code @RegisterExtension static GreenMailExtension mail = TestMailServer.create();} */
  public static GreenMailExtension create() {
    return new GreenMailExtension(ServerSetupTest.SMTP)
        .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication())
        .withPerMethodLifecycle(true);
  }
}
