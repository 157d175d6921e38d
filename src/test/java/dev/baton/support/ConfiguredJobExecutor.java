package dev.baton.support;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.ProcessEngineImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.spring.boot.starter.configuration.impl.DefaultJobConfiguration.JobConfiguration;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.springframework.core.task.TaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * For benchmarks: the job executor exactly as the Spring Boot starter builds it from {@code camunda.bpm.job-execution}
 * (the test profile turns it off), running on the test's engine until closed; then the engine's own is back.
 */
public final class ConfiguredJobExecutor implements AutoCloseable {

  private final ProcessEngineImpl engine;
  private final JobExecutor executor;
  private final JobExecutor previous;
  private final TaskExecutor threads;

  private ConfiguredJobExecutor(ProcessEngine engine, CamundaBpmProperties camunda) {
    this.engine = (ProcessEngineImpl) engine;
    this.threads = JobConfiguration.camundaTaskExecutor(camunda);
    if (threads instanceof ThreadPoolTaskExecutor pool) {
      // Jobs already handed to a thread finish before close returns, instead of running on beside what follows.
      pool.setWaitForTasksToCompleteOnShutdown(true);
      pool.setAwaitTerminationSeconds(60);
      pool.initialize();
    }
    this.executor = JobConfiguration.jobExecutor(threads, camunda);
    ProcessEngineConfigurationImpl configuration = this.engine.getProcessEngineConfiguration();
    this.previous = configuration.getJobExecutor();
    configuration.setJobExecutor(executor);
    executor.registerProcessEngine(this.engine);
    executor.start();
  }

  public static ConfiguredJobExecutor start(ProcessEngine engine, CamundaBpmProperties camunda) {
    return new ConfiguredJobExecutor(engine, camunda);
  }

  @Override
  public void close() {
    executor.shutdown();
    if (threads instanceof ThreadPoolTaskExecutor pool) {
      pool.shutdown();
    }
    executor.unregisterProcessEngine(engine);
    engine.getProcessEngineConfiguration().setJobExecutor(previous);
  }

  /** CPU time of this JVM (all threads), to tell a benchmark's work from the machine's load. */
  public static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
