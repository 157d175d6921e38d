package dev.baton.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.impl.jobexecutor.CallerRunsRejectedJobsHandler;
import org.camunda.bpm.engine.spring.components.jobexecutor.SpringJobExecutor;
import org.junit.jupiter.api.Test;

class RejectedJobsRunInAcquisitionTest {

  @Test
  void aJobTheFullQueueRejectsRunsInTheAcquisitionThread() {
    SpringJobExecutor jobExecutor = new SpringJobExecutor();
    new RejectedJobsRunInAcquisition().postProcessAfterInitialization(jobExecutor, "jobExecutor");
    assertThat(jobExecutor.getRejectedJobsHandler()).isInstanceOf(CallerRunsRejectedJobsHandler.class);
  }
}
