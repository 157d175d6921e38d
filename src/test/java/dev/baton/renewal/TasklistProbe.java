package dev.baton.renewal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * What Tasklist sends for a CSM, measured while something else loads the server: the filter "My team's tasks"
 * (its HAL list of the first 15 with the card variables, then its count, as TasklistBenchmark requests them over
 * /engine-rest with Basic authentication), and the completion of the first task listed, a few times a second from
 * one thread. The probe's own CPU (its thread) is read, so it can be told apart from the load it measures.
 */
final class TasklistProbe {

  static final String LIST_BODY = """
      {"variableNames": ["accountName", "accountId"], "sorting": [{"sortBy": "dueDate", "sortOrder": "asc"}]}""";

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ObjectMapper json;
  private final int port;
  private final String filterId;
  private final String authorization;
  private final long intervalNanos;
  /** The phase being measured and its thread; null between phases. */
  private Phase phase;
  private Thread thread;

  TasklistProbe(ObjectMapper json, int port, String filterId, String user, String password, double perSecond) {
    this.json = json;
    this.port = port;
    this.filterId = filterId;
    this.authorization = "Basic " + Base64.getEncoder()
        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    this.intervalNanos = (long) (1e9 / perSecond);
  }

  /** One phase's samples (idle, during the storm). */
  static final class Phase {
    final String name;
    final List<Double> list = Collections.synchronizedList(new ArrayList<>());
    final List<Double> count = Collections.synchronizedList(new ArrayList<>());
    final List<Double> complete = Collections.synchronizedList(new ArrayList<>());
    volatile int failures;
    volatile String lastFailure;
    volatile long probeCpuNanos;
    volatile boolean stopped;

    Phase(String name) {
      this.name = name;
    }

    String report() {
      return String.format(Locale.ROOT, "  %-12s list %s%n  %-12s count %s%n  %-12s complete %s%n", name, line(list),
          "", line(count), "", complete.isEmpty() ? "not measured" + (lastFailure == null ? "" : " (" + lastFailure + ")")
              : line(complete))
          + String.format(Locale.ROOT, "  %-12s probe thread CPU %.2f s%s%n", "", probeCpuNanos / 1e9,
              failures == 0 ? "" : ", " + failures + " failed requests (last: " + lastFailure + ")");
    }

    double percentile(List<Double> values, double p) {
      List<Double> sorted;
      synchronized (values) {
        sorted = new ArrayList<>(values);
      }
      if (sorted.isEmpty()) {
        return Double.NaN;
      }
      Collections.sort(sorted);
      return sorted.get(Math.max(0, Math.min(sorted.size() - 1, (int) Math.ceil(p / 100 * sorted.size()) - 1)));
    }

    private String line(List<Double> values) {
      return String.format(Locale.ROOT, "p50 %6.1f ms, p95 %6.1f ms, p99 %6.1f ms, max %6.1f ms (%d requests)",
          percentile(values, 50), percentile(values, 95), percentile(values, 99), percentile(values, 100),
          values.size());
    }
  }

  /** Probes until {@link #stop}, recording into a fresh phase of this name. */
  Phase measure(String name) {
    stop();
    Phase current = new Phase(name);
    phase = current;
    thread = new Thread(() -> probe(current), "tasklist-probe");
    thread.setDaemon(true);
    thread.start();
    return current;
  }

  /** Ends the phase once its request under way has answered (each has a 30 s timeout), so phases never overlap. */
  void stop() {
    if (thread == null) {
      return;
    }
    phase.stopped = true;
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    thread = null;
    phase = null;
  }

  /** Lists, counts and completes this many times, unmeasured: the first requests load caches and compile queries. */
  void warmUp(int times) {
    Phase discarded = new Phase("warm-up");
    for (int i = 0; i < times; i++) {
      cycle(discarded, true);
    }
  }

  private void probe(Phase current) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long cpuStart = threads.getCurrentThreadCpuTime();
    boolean completing = true;
    long next = System.nanoTime();
    while (!current.stopped) {
      completing = cycle(current, completing);
      next += intervalNanos;
      long wait = next - System.nanoTime();
      if (wait > 0) {
        try {
          Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        } catch (InterruptedException e) {
          break;
        }
      } else {
        next = System.nanoTime(); // behind (a slow answer): no burst to catch up
      }
    }
    current.probeCpuNanos = threads.getCurrentThreadCpuTime() - cpuStart;
  }

  /** List, count and (when completing) the first task's completion; answers whether to go on completing. */
  private boolean cycle(Phase current, boolean completing) {
    try {
      long t0 = System.nanoTime();
      HttpResponse<String> page = send(request("/engine-rest/filter/" + filterId + "/list?firstResult=0&maxResults=15")
          .header("Accept", "application/hal+json").header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(LIST_BODY)).build());
      long t1 = System.nanoTime();
      send(request("/engine-rest/filter/" + filterId + "/count").GET().build());
      long t2 = System.nanoTime();
      current.list.add((t1 - t0) / 1e6);
      current.count.add((t2 - t1) / 1e6);
      JsonNode first = json.readTree(page.body()).path("_embedded").path("task").path(0);
      if (completing && !first.isMissingNode()) {
        long t3 = System.nanoTime();
        HttpResponse<String> done = http.send(request("/engine-rest/task/" + first.path("id").asText() + "/complete")
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
            HttpResponse.BodyHandlers.ofString());
        if (done.statusCode() / 100 == 2) {
          current.complete.add((System.nanoTime() - t3) / 1e6);
        } else {
          current.failures++;
          current.lastFailure = "complete answered " + done.statusCode() + " " + abbreviate(done.body());
          // Not allowed: list and count go on being measured without completions.
          return done.statusCode() / 100 != 4;
        }
      }
    } catch (Exception e) {
      current.failures++;
      current.lastFailure = e.toString();
    }
    return completing;
  }

  private HttpResponse<String> send(HttpRequest request) throws Exception {
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(request.uri().getPath() + " answered " + response.statusCode() + " "
          + abbreviate(response.body()));
    }
    return response;
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(30))
        .header("Authorization", authorization);
  }

  private static String abbreviate(String body) {
    return body == null ? "" : body.length() <= 160 ? body : body.substring(0, 160) + "...";
  }
}
