package dev.baton.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.operaton.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.operaton.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.operaton.bpm.engine.repository.DeploymentBuilder;
import org.operaton.bpm.engine.repository.ProcessDefinition;
import org.operaton.connect.plugin.impl.ConnectProcessEnginePlugin;
import org.operaton.spin.plugin.impl.SpinProcessEnginePlugin;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Baton on Operaton, the maintained fork of Camunda 7 (docs/operations.md, "Moving to Operaton"): the files
 * of processes/ and forms/ deploy unchanged and are read as Camunda reads them, and Operaton starts on a
 * database that Baton created. Run by .ci/run after the suite:
 * {@code mvn -f compat/operaton/pom.xml verify -Dbaton.jar=target/baton-<version>.jar}.
 */
class OperatonCompatibilityTest {

  static final Path ROOT = Path.of(System.getProperty("baton.root", "../..")).toAbsolutePath().normalize();
  static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";
  static final String CAMUNDA = "http://camunda.org/schema/1.0/bpmn";
  static final String DMN = "https://www.omg.org/spec/DMN/20191111/MODEL/";

  @Test
  void everyModelAndFormDeploysUnchangedAndIsReadAsOnCamunda() throws Exception {
    ModelReader reader = new ModelReader();
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl)
        new StandaloneInMemProcessEngineConfiguration()
            .setJdbcUrl("jdbc:h2:mem:operaton-compat;DB_CLOSE_DELAY=-1")
            .setDatabaseSchemaUpdate("create-drop")
            .setHistory("audit")
            .setJobExecutorActivate(false);
    configuration.setEnforceHistoryTimeToLive(true);
    configuration.setCmmnEnabled(false);
    configuration.setCustomPreBPMNParseListeners(new ArrayList<>(List.of(reader)));
    configuration.setProcessEnginePlugins(new ArrayList<>(List.of(new ConnectProcessEnginePlugin(), new SpinProcessEnginePlugin())));
    // A timer start event's expression is evaluated as the model deploys, so the beans such timers name must be there;
    // every other expression is evaluated only when an instance runs.
    configuration.setBeans(new HashMap<>(Map.of("healthRescoreSchedule", new RescoreScheduleStandIn())));
    ProcessEngine engine = configuration.buildProcessEngine();
    try {
      DeploymentBuilder deployment = engine.getRepositoryService().createDeployment().name("baton");
      for (Path file : files("processes", ".bpmn", ".dmn")) {
        deployment.addInputStream(file.getFileName().toString(), Files.newInputStream(file));
      }
      for (Path file : files("forms", ".form")) {
        deployment.addInputStream(file.getFileName().toString(), Files.newInputStream(file));
      }
      String deploymentId = deployment.deploy().getId();

      // Every process and decision of the files is deployed.
      assertThat(engine.getRepositoryService().createProcessDefinitionQuery().deploymentId(deploymentId).list())
          .extracting(ProcessDefinition::getKey).containsExactlyInAnyOrderElementsOf(ids("processes", ".bpmn", BPMN, "process"));
      assertThat(engine.getRepositoryService().createDecisionDefinitionQuery().deploymentId(deploymentId).list())
          .extracting(d -> d.getKey()).containsExactlyInAnyOrderElementsOf(ids("processes", ".dmn", DMN, "decision"));

      // Every form is deployed under its id, and every user task's form reference names one of them.
      Set<String> forms = formKeys(configuration, deploymentId);
      assertThat(forms).containsExactlyInAnyOrderElementsOf(formIds());
      List<String> userTasksInFiles = ids("processes", ".bpmn", BPMN, "userTask");
      assertThat(reader.userTasks).extracting(ModelReader.UserTask::id).containsExactlyInAnyOrderElementsOf(userTasksInFiles);
      for (ModelReader.UserTask task : reader.userTasks) {
        assertThat(task.formKey()).as("form of user task " + task.id()).isNotNull().isIn(forms);
        assertThat(task.formBinding()).as("form binding of user task " + task.id()).isNotNull();
        assertThat(task.properties()).as("RACI properties of user task " + task.id()).containsKey("raci.responsible");
      }

      // Every timer is read with its expression.
      assertThat(reader.timers).hasSize(count("processes", ".bpmn", BPMN, "timerEventDefinition"));
      assertThat(reader.timers).allSatisfy(timer -> assertThat(timer.expression()).as(timer.activity()).isNotBlank());
    } finally {
      engine.close();
    }
  }

  /** Stands in for Baton's health.HealthRescoreSchedule: a daily cycle from a fixed day. */
  public static final class RescoreScheduleStandIn {
    public String cycle() {
      return "R/2026-01-01T04:00:00Z/P1D";
    }
  }

  @Test
  void operatonStartsOnADatabaseBatonCreated() throws Exception {
    String jar = System.getProperty("baton.jar");
    assertThat(jar).as("-Dbaton.jar: the Baton jar built by mvn verify (target/baton-<version>.jar)").isNotBlank();
    Path database = Files.createTempDirectory("baton-for-operaton").resolve("baton");
    String url = "jdbc:h2:file:" + database + ";DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=30000";
    BatonRun.untilDemoPortfolioIsReady(ROOT.resolve(jar), url);

    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) new StandaloneProcessEngineConfiguration()
        .setJdbcUrl(url).setJdbcUsername("sa").setJdbcPassword("")
        .setDatabaseSchemaUpdate("false") // Baton's schema as it is: no change
        .setHistory("audit")
        .setJobExecutorActivate(false);
    configuration.setCmmnEnabled(false);
    configuration.setProcessEnginePlugins(new ArrayList<>(List.of(new ConnectProcessEnginePlugin(), new SpinProcessEnginePlugin())));
    ProcessEngine engine = configuration.buildProcessEngine();
    try {
      List<ProcessDefinition> definitions = engine.getRepositoryService().createProcessDefinitionQuery().latestVersion().list();
      assertThat(definitions).extracting(ProcessDefinition::getKey)
          .containsAll(ids("processes", ".bpmn", BPMN, "process"));
      for (ProcessDefinition definition : definitions) {
        // Parses the stored model as Operaton's engine does before running it.
        assertThat(engine.getRepositoryService().getProcessDefinition(definition.getId())).isNotNull();
      }
      assertThat(engine.getRuntimeService().createProcessInstanceQuery().count())
          .as("the demo portfolio's running instances").isPositive();
      assertThat(engine.getTaskService().createTaskQuery().count()).as("the demo portfolio's open tasks").isPositive();
    } finally {
      engine.close();
    }
  }

  static List<Path> files(String folder, String... endings) throws IOException {
    try (Stream<Path> files = Files.list(ROOT.resolve(folder))) {
      return files.filter(f -> Stream.of(endings).anyMatch(e -> f.toString().endsWith(e))).sorted().toList();
    }
  }

  /** The id attributes of the top-level elements of this kind in the files, read with the JDK's XML parser. */
  static List<String> ids(String folder, String ending, String namespace, String element) throws Exception {
    List<String> ids = new ArrayList<>();
    for (Path file : files(folder, ending)) {
      NodeList nodes = xml(file).getElementsByTagNameNS(namespace, element);
      for (int i = 0; i < nodes.getLength(); i++) {
        ids.add(((Element) nodes.item(i)).getAttribute("id"));
      }
    }
    return ids;
  }

  static int count(String folder, String ending, String namespace, String element) throws Exception {
    int count = 0;
    for (Path file : files(folder, ending)) {
      count += xml(file).getElementsByTagNameNS(namespace, element).getLength();
    }
    return count;
  }

  static Document xml(Path file) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    try (InputStream in = Files.newInputStream(file)) {
      return factory.newDocumentBuilder().parse(in);
    }
  }

  static Set<String> formIds() throws IOException {
    Set<String> ids = new TreeSet<>();
    for (Path form : files("forms", ".form")) {
      var matcher = java.util.regex.Pattern.compile("^  \"id\": \"([^\"]+)\"", java.util.regex.Pattern.MULTILINE)
          .matcher(Files.readString(form));
      assertThat(matcher.find()).as("id of " + form).isTrue();
      ids.add(matcher.group(1));
    }
    return ids;
  }

  /** Operaton keeps deployed Camunda Forms in ACT_RE_CAMFORMDEF, as Camunda does (no query API for them). */
  static Set<String> formKeys(ProcessEngineConfigurationImpl configuration, String deploymentId) throws SQLException {
    try (Connection connection = configuration.getDataSource().getConnection();
        var statement = connection.prepareStatement("select KEY_ from ACT_RE_CAMFORMDEF where DEPLOYMENT_ID_ = ?")) {
      statement.setString(1, deploymentId);
      Set<String> keys = new TreeSet<>();
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          keys.add(rows.getString(1));
        }
      }
      return keys;
    }
  }
}
