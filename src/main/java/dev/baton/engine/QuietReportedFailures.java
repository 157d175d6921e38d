package dev.baton.engine;

import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandContextFactory;
import org.camunda.bpm.engine.impl.jobexecutor.ExecuteJobHelper;
import org.camunda.bpm.engine.spring.SpringProcessEngineConfiguration;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.springframework.stereotype.Component;

/**
 * Keeps the engine from logging a stack trace for a {@link ReportedJobFailure}, whose thrower already logged
 * one line. Camunda logs every failed job twice, each with the whole trace (about 200 lines with Spring's and
 * JavaMail's frames): the command context at ERROR (ENGINE-16004, logger {@code org.camunda.bpm.engine.context})
 * and the job executor at WARN (ENGINE-14006, {@code org.camunda.bpm.engine.jobexecutor}). With the SMTP server
 * down that is some 400 lines per mail and attempt, burying everything else. Here both log such a failure at DEBUG only;
 * every other failure is logged exactly as before, so a bug still shows its trace. Nothing is lost: the job keeps
 * the failure's message and full trace, which Cockpit shows with the incident.
 *
 * <p>No configuration property does this for one kind of failure: {@code enableCmdExceptionLogging=false} would
 * silence the command context for every failure, and {@code enableReducedJobExceptionLogging} still logs the
 * trace at the last retry. So the command context factory is Camunda's own with that one decision changed, and
 * the job executor's logging handler (the engine's public hook for it) passes other failures to Camunda's.
 */
@Component
public class QuietReportedFailures extends AbstractCamundaConfiguration {

  @Override
  public void preInit(SpringProcessEngineConfiguration configuration) {
    CommandContextFactory factory = new CommandContextFactory() {
      @Override
      public CommandContext createCommandContext() {
        return new QuietCommandContext(this);
      }
    };
    // The engine sets the configuration only on a factory it creates itself.
    factory.setProcessEngineConfiguration(configuration);
    configuration.setCommandContextFactory(factory);

    if (!(ExecuteJobHelper.LOGGING_HANDLER instanceof QuietJobLogging)) {
      ExecuteJobHelper.LOGGING_HANDLER = new QuietJobLogging(ExecuteJobHelper.LOGGING_HANDLER);
    }
  }

  /** Camunda's command context, logging a reported failure at DEBUG (as it does an optimistic locking failure). */
  static final class QuietCommandContext extends CommandContext {
    QuietCommandContext(CommandContextFactory factory) {
      super(factory.getProcessEngineConfiguration());
    }

    @Override
    protected boolean shouldLogFine(Throwable exception) {
      return ReportedJobFailure.isReported(exception) || super.shouldLogFine(exception);
    }
  }

  /** The job executor's logging of failed jobs, minus reported failures. */
  record QuietJobLogging(ExecuteJobHelper.ExceptionLoggingHandler camundas) implements ExecuteJobHelper.ExceptionLoggingHandler {
    @Override
    public void exceptionWhileExecutingJob(String jobId, Throwable exception) {
      if (!ReportedJobFailure.isReported(exception)) {
        camundas.exceptionWhileExecutingJob(jobId, exception);
      }
    }
  }
}
