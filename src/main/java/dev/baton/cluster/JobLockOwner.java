package dev.baton.cluster;

import dev.baton.engine.JobLockOwners;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.camunda.bpm.engine.spring.SpringProcessEngineConfiguration;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Names this node in the job locks it takes: {@code ACT_RU_JOB.LOCK_OWNER_} reads {@code host:port/pid}
 * instead of Camunda's random UUID. When a node of a cluster dies, the jobs it had locked wait until
 * their {@code LOCK_EXP_TIME_} (camunda.bpm.job-execution.lock-time-in-millis) before another node takes
 * them; this tells an operator (and the two-node drill) whose jobs they are. Host and port tell nodes
 * apart, the process id a restarted node from its dead predecessor.
 */
@Component
class JobLockOwner extends AbstractCamundaConfiguration {

  private static final Logger log = LoggerFactory.getLogger(JobLockOwner.class);

  private final String name;

  JobLockOwner(@Value("${server.port:8080}") String port) {
    this.name = host() + ":" + port + "/" + ProcessHandle.current().pid();
  }

  @Override
  public void postInit(SpringProcessEngineConfiguration configuration) {
    // postInit: the starter's job configuration has set the job executor in its preInit.
    if (JobLockOwners.name(configuration, name)) {
      log.info("Jobs this node locks are marked '{}'", name);
    }
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
