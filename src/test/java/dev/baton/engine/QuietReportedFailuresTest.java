package dev.baton.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.support.BatonIntegrationTest;
import java.io.IOException;
import org.camunda.bpm.engine.impl.jobexecutor.ExecuteJobHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The job executor (off in tests, so played here through its logging hook) logs no stack trace for a failure its
 * thrower already reported, and logs every other failure as Camunda does.
 */
@BatonIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class QuietReportedFailuresTest {

  @Test
  void theJobExecutorLogsNothingForAReportedFailure(CapturedOutput log) {
    int before = log.getOut().length();
    ExecuteJobHelper.LOGGING_HANDLER.exceptionWhileExecutingJob("job-reported",
        new ReportedJobFailure("'test-notice' mail for account a to b not sent: down", new IOException("down")));
    assertThat(log.getOut().substring(before)).doesNotContain("job-reported", "IOException");
  }

  @Test
  void theJobExecutorStillLogsAnyOtherFailureWithItsStackTrace(CapturedOutput log) {
    int before = log.getOut().length();
    ExecuteJobHelper.LOGGING_HANDLER.exceptionWhileExecutingJob("job-bug", new IllegalStateException("a bug"));
    assertThat(log.getOut().substring(before)).contains("ENGINE-14006", "job-bug", "IllegalStateException: a bug",
        "\tat ");
  }
}
