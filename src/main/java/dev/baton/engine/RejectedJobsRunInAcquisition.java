package dev.baton.engine;

import org.camunda.bpm.engine.impl.jobexecutor.CallerRunsRejectedJobsHandler;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * When the job executor's queue is full, a job it has just locked runs in the acquisition thread instead of
 * being handed back for later. Camunda's Spring Boot default hands it back, and its acquisition only pauses
 * when every job of a poll was rejected: with the queue nearly full each poll placed one job and polled again,
 * about 100 polls a second in the timer storm (RenewalSurveyBenchmark, docs/benchmarks.md), each a query on
 * the job table. Running the job instead makes a full queue slow the polling down by itself.
 */
@Component
class RejectedJobsRunInAcquisition implements BeanPostProcessor {

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (bean instanceof JobExecutor jobExecutor) {
      jobExecutor.setRejectedJobsHandler(new CallerRunsRejectedJobsHandler());
    }
    return bean;
  }
}
