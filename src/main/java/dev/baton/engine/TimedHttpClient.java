package dev.baton.engine;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.HttpRequestBase;
import org.apache.http.config.SocketConfig;
import org.apache.http.conn.ConnectTimeoutException;
import org.apache.http.conn.ConnectionPoolTimeoutException;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.camunda.connect.ConnectorRequestException;
import org.camunda.connect.httpclient.HttpConnector;
import org.camunda.connect.httpclient.impl.AbstractHttpConnector;
import org.camunda.connect.spi.ConnectorConfigurator;
import org.camunda.connect.spi.ConnectorInvocation;
import org.camunda.connect.spi.ConnectorRequestInterceptor;
import org.springframework.stereotype.Component;

/**
 * Configures Camunda Connect's {@code http-connector} through Connect's own extension point, a
 * {@link ConnectorConfigurator}: an Apache HttpClient with the timeouts of {@link HttpConnectorProperties}, and
 * failures that say which call failed and why. Connect's own client has no timeouts, so a service that accepts the
 * connection and never answers (a hung CRM) would hold a job executor thread forever, and once the job's lock
 * expired another thread would run the same job again; and its failure says only "HTCL-02007 Unable to execute
 * HTTP request", naming neither call nor cause. Applied by {@link HttpConnectorTimeouts} with Spring's properties
 * (a configurator listed in {@code META-INF/services} could not read them).
 *
 * <p>Connect sets a request config on every request (empty unless the model passes {@code request-config}),
 * which hides the client's defaults: an interceptor fills in the timeouts a model left unset.
 */
@Component
public class TimedHttpClient implements ConnectorConfigurator<HttpConnector> {

  /** More pooled connections per host than job executor threads, so no job waits for one. */
  static final int MAX_CONNECTIONS_PER_HOST = 20;

  private final int connectMillis;
  private final int readMillis;

  public TimedHttpClient(HttpConnectorProperties properties) {
    connectMillis = (int) properties.connectTimeout().toMillis();
    readMillis = (int) properties.readTimeout().toMillis();
  }

  @Override
  public Class<HttpConnector> getConnectorClass() {
    return HttpConnector.class;
  }

  @Override
  public void configure(HttpConnector connector) {
    if (!(connector instanceof AbstractHttpConnector<?, ?> http)) {
      throw new IllegalStateException("Camunda Connect's " + HttpConnector.ID + " is a " + connector.getClass()
          + ", whose HTTP client Baton cannot give timeouts");
    }
    CloseableHttpClient previous = http.getHttpClient();
    http.setHttpClient(HttpClients.custom().useSystemProperties()
        .setDefaultSocketConfig(SocketConfig.custom().setSoTimeout(readMillis).build())
        .setDefaultRequestConfig(RequestConfig.custom().setConnectTimeout(connectMillis).setSocketTimeout(readMillis)
            .setConnectionRequestTimeout(connectMillis).build())
        .setMaxConnPerRoute(MAX_CONNECTIONS_PER_HOST).setMaxConnTotal(2 * MAX_CONNECTIONS_PER_HOST)
        .build());
    close(previous);
    connector.addRequestInterceptor(new DefaultTimeouts(connectMillis, readMillis));
    connector.addRequestInterceptor(new NamedFailures(connectMillis, readMillis));
  }

  int connectMillis() {
    return connectMillis;
  }

  int readMillis() {
    return readMillis;
  }

  private static void close(CloseableHttpClient client) {
    if (client == null) {
      return;
    }
    try {
      client.close();
    } catch (IOException | RuntimeException ignored) {
      // It never sent anything.
    }
  }

  /** Fills in the timeouts a model's {@code request-config} left unset (-1, which means "wait forever"). */
  static final class DefaultTimeouts implements ConnectorRequestInterceptor {
    private final int connect;
    private final int read;

    DefaultTimeouts(int connect, int read) {
      this.connect = connect;
      this.read = read;
    }

    @Override
    public Object handleInvocation(ConnectorInvocation invocation) throws Exception {
      if (invocation.getTarget() instanceof HttpRequestBase request) {
        RequestConfig given = request.getConfig() == null ? RequestConfig.DEFAULT : request.getConfig();
        RequestConfig.Builder config = RequestConfig.copy(given);
        if (given.getConnectTimeout() < 0) {
          config.setConnectTimeout(connect);
        }
        if (given.getConnectionRequestTimeout() < 0) {
          config.setConnectionRequestTimeout(connect);
        }
        if (given.getSocketTimeout() < 0) {
          config.setSocketTimeout(read);
        }
        request.setConfig(config.build());
      }
      return invocation.proceed();
    }
  }

  /**
   * A call that got no answer, named. Connect wraps it in its "HTCL-02007 Unable to execute HTTP request";
   * {@link HttpCallFailures} makes it the failed job's message.
   */
  static final class FailedCall extends ConnectorRequestException {
    FailedCall(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** Says which call got no answer, and why (the query string left out: it may carry a token). */
  static final class NamedFailures implements ConnectorRequestInterceptor {
    private final int connect;
    private final int read;

    NamedFailures(int connect, int read) {
      this.connect = connect;
      this.read = read;
    }

    @Override
    public Object handleInvocation(ConnectorInvocation invocation) throws Exception {
      try {
        return invocation.proceed();
      } catch (IOException cause) {
        String call = invocation.getTarget() instanceof HttpRequestBase request
            ? request.getMethod() + " " + request.getURI().toString().replaceAll("[?#].*", "") : "The HTTP call";
        throw new FailedCall(call + " failed: " + describe(cause)
            + "; retried with backoff, then an incident to retry in Cockpit", cause);
      }
    }

    private String describe(IOException cause) {
      if (cause instanceof ConnectTimeoutException) {
        return "no connection within " + connect + " ms (baton.http-connector.connect-timeout)";
      }
      if (cause instanceof ConnectionPoolTimeoutException) {
        return "no free connection within " + connect + " ms (baton.http-connector.connect-timeout)";
      }
      if (cause instanceof SocketTimeoutException || cause instanceof InterruptedIOException) {
        return "no answer within " + read + " ms (baton.http-connector.read-timeout)";
      }
      return cause.toString();
    }
  }
}
