package dev.baton.engine;

import org.camunda.bpm.engine.spring.SpringProcessEngineConfiguration;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.springframework.stereotype.Component;

/**
 * Puts Baton's TaskService and FormService into the engine, so that the people working tasks comment on,
 * attach to and write variables of only the tasks they work, and only their forms' fields
 * (see GuardedTaskService).
 */
@Component
public class TaskGuards extends AbstractCamundaConfiguration {

  @Override
  public void preInit(SpringProcessEngineConfiguration configuration) {
    FormFieldsOnly formFields = new FormFieldsOnly();
    configuration.setTaskService(new GuardedTaskService(new TaskWork(), formFields));
    configuration.setFormService(new GuardedFormService(formFields));
  }
}
