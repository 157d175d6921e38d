package dev.baton.web;

import org.apache.catalina.core.StandardHost;
import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Configuration;

/**
 * URLs Tomcat itself refuses answer as problems on the API. An encoded slash ({@code /api/accounts/a%2Fb})
 * passes through undecoded to Spring Security's firewall, which refuses it with a problem naming the
 * allowed characters ({@link RejectedRequests}); nothing decodes it into a path separator. What Tomcat
 * still refuses before any filter runs (an encoded NUL or backslash) is reported by {@link ProblemReportValve}.
 */
@Configuration(proxyBeanMethods = false)
class TomcatRejections implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

  @Override
  public void customize(TomcatServletWebServerFactory factory) {
    factory.addConnectorCustomizers(connector ->
        connector.setEncodedSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue()));
    // The host's error report valve answers what no servlet saw (Spring Boot adds a plain one in front).
    factory.addContextCustomizers(context -> {
      if (context.getParent() instanceof StandardHost host) {
        host.setErrorReportValveClass(ProblemReportValve.class.getName());
      }
    });
  }
}
