package dev.baton.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.support.AppProcess;
import dev.baton.support.BatonIntegrationTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@BatonIntegrationTest
class ProcessModelDeploymentTest {

  @Autowired RepositoryService repositoryService;

  @Test
  void everyModelAndFormInTheProjectIsDeployedUnderItsFolderName() throws IOException {
    List<String> expected = projectFiles();
    assertThat(expected).contains("processes/MailDelivery.bpmn");

    assertThat(repositoryService.getDeploymentResourceNames(latestDeployment().getId()))
        .containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void processesDeclareHistoryTimeToLiveAndAreDeployed() {
    assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey("MailDelivery")
        .latestVersion().singleResult().getHistoryTimeToLive()).isEqualTo(30);
  }

  @Test
  void aSecondStartWithUnchangedFilesDeploysNoNewVersion() throws Exception {
    String database = AppProcess.fileDatabase("second-start");
    String first;
    try (AppProcess app = AppProcess.launch("first-start", "--spring.datasource.url=" + database)) {
      first = app.awaitStarted(Duration.ofSeconds(120)).get("/engine-rest/deployment?name=baton", "demo:demo").body();
    }
    try (AppProcess app = AppProcess.launch("second-start", "--spring.datasource.url=" + database)) {
      app.awaitStarted(Duration.ofSeconds(120));
      assertThat(app.get("/engine-rest/deployment/count", "demo:demo").body()).isEqualTo("{\"count\":1}");
      assertThat(app.get("/engine-rest/deployment?name=baton", "demo:demo").body()).isEqualTo(first);
      assertThat(app.output()).contains("unchanged since the last start");
    }
  }

  private Deployment latestDeployment() {
    return repositoryService.createDeploymentQuery().deploymentName(ProcessModelDeployer.DEPLOYMENT_NAME)
        .orderByDeploymentTime().desc().listPage(0, 1).get(0);
  }

  private static List<String> projectFiles() throws IOException {
    try (Stream<Path> processes = Files.list(Path.of("processes")); Stream<Path> forms = Files.list(Path.of("forms"))) {
      return Stream.concat(processes, forms)
          .map(path -> path.getParent().getFileName() + "/" + path.getFileName())
          .filter(name -> name.endsWith(".bpmn") || name.endsWith(".dmn") || name.endsWith(".form"))
          .toList();
    }
  }
}
