package dev.baton.engine;

import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.THROWABLE;

import dev.baton.support.BatonIntegrationTest;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import org.camunda.connect.ConnectorRequestException;
import org.camunda.connect.Connectors;
import org.camunda.connect.httpclient.HttpConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The models' http-connector, as Baton configures it (TimedHttpClient), gives up on a silent service and says
 * which call failed and why (the failed job's message, HttpCallFailures; SlowCrmDrillTest reads it on the incident).
 */
@BatonIntegrationTest
class HttpConnectorGivesUpOnSilentServicesTest {

  @Autowired HttpConnectorProperties properties;
  ServerSocket silent;
  final List<Socket> accepted = new ArrayList<>();

  /** A service that accepts connections and never answers. */
  @BeforeEach
  void silentService() throws Exception {
    silent = new ServerSocket(0);
    Thread acceptor = new Thread(() -> {
      try {
        while (true) {
          accepted.add(silent.accept());
        }
      } catch (Exception closed) {
        // the test is over
      }
    }, "silent-service");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  @AfterEach
  void close() throws Exception {
    silent.close();
    for (Socket socket : accepted) {
      socket.close();
    }
  }

  @Test
  void aServiceThatNeverAnswersFailsTheCallAtTheReadTimeoutNamingTheCall() {
    HttpConnector http = Connectors.getConnector(HttpConnector.ID);
    long started = System.nanoTime();

    assertThatThrownBy(() -> http.createRequest().url(url() + "?token=secret-in-query").get().execute())
        .isInstanceOf(ConnectorRequestException.class)
        .extracting(HttpCallFailures::named, as(THROWABLE))
        .hasMessage("GET " + url() + " failed: no answer within " + properties.readTimeout().toMillis()
            + " ms (baton.http-connector.read-timeout); retried with backoff, then an incident to retry in Cockpit");
    long millis = (System.nanoTime() - started) / 1_000_000;
    assertThat(millis).isBetween(properties.readTimeout().toMillis() - 100, properties.readTimeout().toMillis() + 2000);
  }

  @Test
  void aTimeoutTheModelSetsInItsRequestConfigWins() {
    HttpConnector http = Connectors.getConnector(HttpConnector.ID);
    long started = System.nanoTime();

    assertThatThrownBy(() -> http.createRequest().url(url()).get()
        .configOption("socket-timeout", 300).execute())
        .isInstanceOf(ConnectorRequestException.class)
        .extracting(HttpCallFailures::named, as(THROWABLE)).hasMessageContaining("failed: no answer within");
    assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(properties.readTimeout().toMillis() - 500);
  }

  @Test
  void aRefusedConnectionNamesTheCallAndTheCause() throws Exception {
    HttpConnector http = Connectors.getConnector(HttpConnector.ID);
    String closed = url();
    silent.close();

    assertThatThrownBy(() -> http.createRequest().url(closed).post().payload("{}").execute())
        .isInstanceOf(ConnectorRequestException.class)
        .extracting(HttpCallFailures::named, as(THROWABLE))
        .hasMessageStartingWith("POST " + closed + " failed: ").hasMessageContaining("Connection refused");
  }

  private String url() {
    return "http://localhost:" + silent.getLocalPort() + "/crm/v3/objects/deals/42";
  }
}
