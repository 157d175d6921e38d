package dev.baton.engine;

import org.camunda.bpm.engine.ProcessEngineException;

/**
 * A job failed for a reason outside Baton (the SMTP server is down, a CRM does not answer) and whoever threw
 * this has already logged it in one line. The engine still retries the job and raises the incident as for any
 * failure; its message, the incident's message in Cockpit, says what failed, and its cause keeps the details
 * for the stack trace Cockpit shows. Only the engine's own logging of it is kept short (QuietReportedFailures).
 */
public class ReportedJobFailure extends ProcessEngineException {

  public ReportedJobFailure(String message, Throwable cause) {
    super(message, cause);
  }

  /** Whether this failure, or one it wraps, was already reported. */
  static boolean isReported(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ReportedJobFailure) {
        return true;
      }
    }
    return false;
  }
}
