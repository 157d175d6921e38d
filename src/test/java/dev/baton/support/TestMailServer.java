package dev.baton.support;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.user.UserException;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;
import jakarta.mail.Multipart;
import jakarta.mail.Part;

/** A real SMTP server for tests (GreenMail on the test profile's SMTP port, {@link TestPorts#SMTP}). */
public final class TestMailServer {

  private TestMailServer() {}

  /** Use as {@code @RegisterExtension static GreenMailExtension mail = TestMailServer.create();} */
  public static GreenMailExtension create() {
    return new GreenMailExtension(new ServerSetup(TestPorts.SMTP, "localhost", ServerSetup.PROTOCOL_SMTP))
        .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication())
        .withPerMethodLifecycle(true);
  }

  /**
   * A real SMTP server for a benchmark, on a free port: it receives and stores every mail as any test server does, but
   * into one mailbox. GreenMail otherwise opens a mailbox per recipient and finds it by a linear search, so 10,000
   * different recipients cost the benchmark's JVM more CPU in GreenMail than in Baton (a fixture's cost, not Baton's).
   */
  public static GreenMail forBenchmark() {
    GreenMail smtp = new GreenMail(new ServerSetup(TestPorts.free(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
    smtp.start();
    try {
      GreenMailUser everyone = smtp.getUserManager().createUser("benchmark@baton.test", "benchmark", "benchmark");
      smtp.getUserManager().setMessageDeliveryHandler((message, address) -> everyone);
    } catch (UserException impossible) {
      throw new IllegalStateException(impossible);
    }
    return smtp;
  }

  /** CPU time of GreenMail's connection threads, alive while Baton keeps its SMTP connections open. */
  public static long cpuNanosOfSmtpThreads() {
    var threads = java.lang.management.ManagementFactory.getThreadMXBean();
    return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("smtp"))
        .mapToLong(t -> Math.max(0, threads.getThreadCpuTime(t.getId()))).sum();
  }

  /** A mail's decoded plain-text part (quoted-printable would break long links across lines), or null. */
  public static String plainText(Part part) throws Exception {
    if (part.isMimeType("text/plain")) {
      return (String) part.getContent();
    }
    if (part.getContent() instanceof Multipart multipart) {
      for (int i = 0; i < multipart.getCount(); i++) {
        String text = plainText(multipart.getBodyPart(i));
        if (text != null) {
          return text;
        }
      }
    }
    return null;
  }

  /** The mails received whose subject starts so, in the order they arrived. */
  public static List<MimeMessage> startingWith(GreenMailExtension smtp, String subjectStart) {
    return Arrays.stream(smtp.getReceivedMessages()).filter(m -> subject(m).startsWith(subjectStart)).toList();
  }

  /** The one mail received whose subject starts so; fails when there is none or more than one. */
  public static MimeMessage onlyStartingWith(GreenMailExtension smtp, String subjectStart) {
    List<MimeMessage> found = startingWith(smtp, subjectStart);
    if (found.size() != 1) {
      throw new AssertionError("expected one mail starting '" + subjectStart + "', got " + found.size()
          + " among " + subjects(smtp));
    }
    return found.get(0);
  }

  /** The subjects of the mails received, in the order they arrived. */
  public static List<String> subjects(GreenMailExtension smtp) {
    return Arrays.stream(smtp.getReceivedMessages()).map(TestMailServer::subject).toList();
  }

  public static String subject(MimeMessage message) {
    try {
      return message.getSubject();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}
