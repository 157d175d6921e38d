package dev.baton.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Errors Tomcat answers itself, before any filter or servlet runs (an encoded NUL or backslash in the
 * path, a malformed request line or header): on Baton's API they are application/problem+json like every
 * other refusal; elsewhere (webapps, customer pages) Tomcat's page stays, without server details.
 */
public class ProblemReportValve extends ErrorReportValve {

  private static final ObjectMapper JSON = new ObjectMapper();

  public ProblemReportValve() {
    setShowReport(false);
    setShowServerInfo(false);
  }

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int status = response.getStatus();
    String uri = request.getCoyoteRequest().requestURI().toString();
    if (status < 400 || response.getContentWritten() > 0 || uri == null || !uri.startsWith("/api/")) {
      super.report(request, response, throwable);
      return;
    }
    if (!response.setErrorReported()) {
      return;
    }
    try {
      response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
      response.setCharacterEncoding("UTF-8");
      Writer writer = response.getReporter();
      if (writer != null) {
        writer.write(problem(status));
        response.finishResponse();
      }
    } catch (IOException | IllegalStateException e) {
      // The client is gone or the response was committed meanwhile: nothing more to say.
    }
  }

  static String problem(int status) throws JsonProcessingException {
    HttpStatus known = HttpStatus.resolve(status);
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("type", "about:blank");
    problem.put("title", known == null ? "Error" : known.getReasonPhrase());
    problem.put("status", status);
    problem.put("detail", status == 400
        ? "The URL or a header of the request is malformed (for example an encoded NUL or backslash in the path); "
            + "ids may use letters, digits and . _ : @ -"
        : "The request was refused before Baton could read it (HTTP " + status + ")");
    return JSON.writeValueAsString(problem);
  }
}
