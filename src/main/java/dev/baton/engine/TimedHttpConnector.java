package dev.baton.engine;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import org.apache.http.conn.ConnectTimeoutException;
import org.apache.http.conn.ConnectionPoolTimeoutException;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.HttpRequestBase;
import org.apache.http.config.SocketConfig;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.camunda.connect.ConnectorRequestException;
import org.camunda.connect.httpclient.HttpRequest;
import org.camunda.connect.httpclient.HttpResponse;
import org.camunda.connect.httpclient.impl.HttpConnectorImpl;
import org.camunda.connect.spi.ConnectorInvocation;
import org.camunda.connect.spi.ConnectorRequestInterceptor;

/**
 * Camunda Connect's {@code http-connector} with timeouts, and failures that say which call failed and
 * why. Connect's own builds its Apache HttpClient without timeouts, so a service that accepts the
 * connection and never answers (a hung CRM) would hold a job executor thread forever, and once the job's
 * lock expired another thread would run the same job again; and any failure to get an answer is the job's
 * (and the incident's) message "HTCL-02007 Unable to execute HTTP request", naming neither call nor cause.
 *
 * <p>Connect sets a request config on every request (empty unless the model passes {@code request-config}),
 * which hides the client's defaults: an interceptor fills in the timeouts a model left unset.
 */
class TimedHttpConnector extends HttpConnectorImpl {

  /** More pooled connections per host than job executor threads, so no job waits for one. */
  static final int MAX_CONNECTIONS_PER_HOST = 20;

  private final int connectMillis;
  private final int readMillis;

  TimedHttpConnector(HttpConnectorProperties properties) {
    connectMillis = (int) properties.connectTimeout().toMillis();
    readMillis = (int) properties.readTimeout().toMillis();
    close(httpClient);
    setHttpClient(HttpClients.custom().useSystemProperties()
        .setDefaultSocketConfig(SocketConfig.custom().setSoTimeout(readMillis).build())
        .setDefaultRequestConfig(RequestConfig.custom().setConnectTimeout(connectMillis).setSocketTimeout(readMillis)
            .setConnectionRequestTimeout(connectMillis).build())
        .setMaxConnPerRoute(MAX_CONNECTIONS_PER_HOST).setMaxConnTotal(2 * MAX_CONNECTIONS_PER_HOST)
        .build());
    addRequestInterceptor(new DefaultTimeouts(connectMillis, readMillis));
  }

  int connectMillis() {
    return connectMillis;
  }

  int readMillis() {
    return readMillis;
  }

  @Override
  public HttpResponse execute(HttpRequest request) {
    try {
      return super.execute(request);
    } catch (ConnectorRequestException failed) {
      if (!(failed.getCause() instanceof IOException cause)) {
        throw failed;
      }
      String url = request.getUrl() == null ? "" : request.getUrl().replaceAll("[?#].*", "");
      throw new ConnectorRequestException(request.getMethod() + " " + url + " failed: " + describe(cause)
          + "; retried with backoff, then an incident to retry in Cockpit", cause);
    }
  }

  private String describe(IOException cause) {
    if (cause instanceof ConnectTimeoutException) {
      return "no connection within " + connectMillis + " ms (baton.http-connector.connect-timeout)";
    }
    if (cause instanceof ConnectionPoolTimeoutException) {
      return "no free connection within " + connectMillis + " ms (baton.http-connector.connect-timeout)";
    }
    if (cause instanceof SocketTimeoutException || cause instanceof InterruptedIOException) {
      return "no answer within " + readMillis + " ms (baton.http-connector.read-timeout)";
    }
    return cause.toString();
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
}
