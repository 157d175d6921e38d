package dev.baton.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * Camunda's internals ({@code org.camunda.bpm.engine.impl}) are used only in the engine package, each
 * behind one class listed in docs/engine-extensions.md, so an engine upgrade has one place to look.
 */
class EngineInternalsTest {

  /** Camunda's clock, read by feature code until Baton has an injected clock (docs/engine-extensions.md). */
  private static final String CLOCK = "org.camunda.bpm.engine.impl.util.ClockUtil";

  private static final DescribedPredicate<JavaClass> CAMUNDA_INTERNALS = DescribedPredicate.describe(
      "are Camunda internals other than ClockUtil",
      (JavaClass type) -> type.getPackageName().startsWith("org.camunda.bpm.engine.impl") && !type.getName().equals(CLOCK));

  private static final JavaClasses BATON = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.baton");

  @Test
  void onlyTheEnginePackageUsesCamundaInternals() {
    ArchRule rule = noClasses().that().resideOutsideOfPackage("dev.baton.engine..")
        .should().dependOnClassesThat(CAMUNDA_INTERNALS)
        .because("docs/engine-extensions.md: every internal lives in dev.baton.engine, behind one class");
    rule.check(BATON);
  }
}
