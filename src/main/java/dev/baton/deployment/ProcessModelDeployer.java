package dev.baton.deployment;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Deploys every BPMN, DMN and Camunda Form that the build packed from {@code processes/} and
 * {@code forms/}, under stable names such as {@code processes/SalesToCsHandoff.bpmn} (the same
 * wherever the application runs from). Unchanged files create no new versions.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
public class ProcessModelDeployer extends AbstractCamundaConfiguration {

  public static final String DEPLOYMENT_NAME = "baton";
  static final String[] PATTERNS = {
      "classpath*:processes/**/*.bpmn", "classpath*:processes/**/*.dmn", "classpath*:forms/**/*.form"};
  private static final Logger log = LoggerFactory.getLogger(ProcessModelDeployer.class);

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    Map<String, Resource> resources = findResources();
    if (resources.isEmpty()) {
      log.info("No process models found under processes/ or forms/: nothing to deploy");
      return;
    }
    DeploymentBuilder deployment = engine.getRepositoryService().createDeployment()
        .name(DEPLOYMENT_NAME)
        .source("Baton start-up")
        // Compare with the latest "baton" deployment: nothing new when no file changed, else every file
        // again, so each process version finds its forms in its own deployment (formRefBinding="deployment").
        .enableDuplicateFiltering(false);
    resources.forEach((name, resource) -> {
      try (InputStream in = resource.getInputStream()) {
        deployment.addInputStream(name, new ByteArrayInputStream(in.readAllBytes()));
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + name, e);
      }
    });
    DeploymentWithDefinitions deployed = deployment.deployWithResult();
    if (deployed.getDeployedProcessDefinitions() == null || deployed.getDeployedProcessDefinitions().isEmpty()) {
      log.info("Process models unchanged since the last start: {} files, no new versions", resources.size());
    } else {
      log.info("Deployed {} files from processes/ and forms/ as deployment {}", resources.size(), deployed.getId());
    }
  }

  /** Resource name (processes/X.bpmn, forms/y.form) to resource, sorted for a stable deployment. */
  static Map<String, Resource> findResources() {
    PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
    Map<String, Resource> found = new TreeMap<>();
    try {
      for (String pattern : PATTERNS) {
        for (Resource resource : resolver.getResources(pattern)) {
          found.put(nameOf(resource), resource);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list processes/ and forms/", e);
    }
    return found;
  }

  private static String nameOf(Resource resource) throws IOException {
    String url = resource.getURL().toString();
    int processes = url.lastIndexOf("/processes/");
    int forms = url.lastIndexOf("/forms/");
    return url.substring(Math.max(processes, forms) + 1);
  }
}
