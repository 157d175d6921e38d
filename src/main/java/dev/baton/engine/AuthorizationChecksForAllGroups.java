package dev.baton.engine;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.camunda.bpm.engine.spring.SpringProcessEngineConfiguration;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.springframework.stereotype.Component;

/**
 * Authorization checks name all of the user's groups, instead of first asking the database which groups
 * have any authorization at all. Camunda asks that ({@code SELECT DISTINCT GROUP_ID_} over every
 * authorization) once per command, to shorten the checks of users in hundreds of directory groups. In
 * Baton every open task carries a grant for its role group, so the question reads the whole table:
 * 11 ms at 50,000 open tasks, two or three times for each Tasklist page (docs/benchmarks.md). Baton's
 * staff are in a few role groups, and a group without authorizations matches no row of the check, so
 * naming it changes no answer.
 */
@Component
class AuthorizationChecksForAllGroups extends AbstractCamundaConfiguration {

  @Override
  public void preInit(SpringProcessEngineConfiguration configuration) {
    List<SessionFactory> factories = configuration.getCustomSessionFactories() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomSessionFactories());
    // Keyed by session type, so this replaces the engine's own AuthorizationManager factory.
    factories.add(new SessionFactory() {
      @Override
      public Class<?> getSessionType() {
        return AuthorizationManager.class;
      }

      @Override
      public Session openSession() {
        return new Manager();
      }
    });
    configuration.setCustomSessionFactories(factories);
  }

  static final class Manager extends AuthorizationManager {
    @Override
    public List<String> filterAuthenticatedGroupIds(List<String> authenticatedGroupIds) {
      return authenticatedGroupIds == null ? List.of() : authenticatedGroupIds;
    }
  }
}
