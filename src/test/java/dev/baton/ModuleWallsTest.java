package dev.baton;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Repository;

/**
 * The walls between Baton's modules (docs/architecture.md): each package {@code dev.baton.<module>} is a
 * module; other modules use only the types its {@link #API} lists, never its stores, and no two modules
 * depend on each other, directly or round about. Many classes are public only because Camunda calls them
 * (beans named in BPMN expressions must be public), so Java's visibility alone cannot keep these walls.
 */
@AnalyzeClasses(packages = "dev.baton", importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleWallsTest {

  private static final String ROOT = "dev.baton";

  /**
   * What each module offers the others: top-level types of its root package (their nested types come
   * along). A module missing here offers nothing. Adding a type is a decision about the module's API:
   * make it in docs/architecture.md too.
   */
  static final Map<String, Set<String>> API = Map.ofEntries(
      Map.entry("account", Set.of("Account", "Accounts", "Arr", "AccountSaved", "AccountChurned", "HealthBands",
          "Motions", "AccountsByRisk", "AccountTallies")),
      Map.entry("calendar", Set.of("AcceptedDate", "AcceptedDates", "BusinessCalendar", "BusinessCalendars",
          "BusinessTime", "MeasuredAt", "TimerSpread")),
      // The CRM's won deal as the handoff reads it, the readers of the CRMs' APIs that the handoff calls,
      // what the demo needs to post a deal as a CRM does, and HubSpot's token for expansion deals.
      Map.entry("crm", Set.of("DealWon", "DealHandoff", "HubSpotDeal", "HubSpotDealReader", "SalesforceDealReader",
          "PipedriveDealReader", "CrmNotRead", "BatonSignature", "CrmProperties")),
      // The account's people by persona, as the NPS programme and the renewal survey ask them, and who of
      // Baton's users may see an account's people and answers (its team, API clients, administrators).
      // The event of a new champion or executive sponsor, which the champion module meets.
      Map.entry("contact", Set.of("AccountContacts", "Contact", "AccountTeamAccess", "KeyContactChanged")),
      // Customer links and questions, and who customers hear from (the company behind the mails and pages).
      Map.entry("customer", Set.of("CustomerLinks", "CustomerQuestion", "AskedQuestion", "CompanyProperties")),
      // The doors to the engine (docs/engine-extensions.md): every internal sits behind one of these.
      Map.entry("engine", Set.of("WithoutAuthorization", "ReportedJobFailure", "UserTaskExtension", "DeclaredUserTask",
          "UserTaskListeners", "TimeoutTimers", "DueDateCalendar", "VariablesWrittenNow", "SignedInUser",
          "PasswordAttempts", "PasswordCheckedUsers", "EngineTables", "ModelExpressions", "JobLockOwners")),
      Map.entry("handoff", Set.of("HandoffCompleted")),
      // A measurement from outside the health module (an NPS answer) is scored like any pushed signal; a
      // customer-facing step done in another module (a review, a champion's meeting) is a touch for engagement.
      // Usage as signals report it (the event after a signal is recorded, the latest reading) for the digital onboarding.
      Map.entry("health", Set.of("HealthSignals", "HealthSignal", "HealthHistory", "CustomerTouch", "UsageMeasured",
          "LatestUsage")),
      // The start-up lock: one node at a time migrates the schema and deploys.
      Map.entry("cluster", Set.of("StartupLock")),
      // The one way to create a row that concurrent requests may create too, on H2 and PostgreSQL.
      Map.entry("schema", Set.of("InsertUnlessPresent")),
      Map.entry("identity", Set.of("RoleCatalogue", "IdentityBootstrap")),
      Map.entry("mail", Set.of("MailOutbox", "OutgoingMail", "AccountMail", "EmailAddress", "MailFormats")),
      // One keyed hash for webhook signatures and customer links.
      Map.entry("security", Set.of("Hmac")),
      // The success plan on file, walked through with a new champion.
      Map.entry("onboarding", Set.of("OnboardingLaunched", "CurrentSuccessPlan")),
      // The living success plan's versions, and the door through which onboarding hands over plans agreed earlier.
      Map.entry("successplan", Set.of("SuccessPlanVersions", "SuccessPlanVersion", "AgreedPlans", "PlanRows")),
      // The renewal's value reviews, which count as business reviews (implemented by renewal, above review).
      Map.entry("review", Set.of("ValueReviews")),
      // Who is mailed about a step is read from the model's raci.informed property, in one place.
      Map.entry("raci", Set.of("RoleRecipients", "InformedRoles")),
      Map.entry("tasklist", Set.of("TasklistFilters")),
      Map.entry("web", Set.of("ApiProblem", "ApiErrorHandler", "UnexpectedErrors", "BoundedJsonFactory", "CsvExport",
          "Excerpt", "Violations")));

  @ArchTest
  static final ArchRule modulesFormNoCycles = slices().matching(ROOT + ".(*)..").namingSlices("$1")
      .should().beFreeOfCycles();

  @ArchTest
  static final ArchRule onlyTheAccountModuleWritesAccounts = noClasses()
      .that().resideOutsideOfPackage(ROOT + ".account..")
      .should().dependOnClassesThat().haveFullyQualifiedName(ROOT + ".account.AccountRepository")
      .because("accounts are written only through the account module's API (dev.baton.account.Accounts)");

  @ArchTest
  static final ArchRule storesAreTheirModulesOwn = classes()
      .that().areAnnotatedWith(Repository.class)
      .should(beUsedOnlyInTheirOwnModule())
      .because("a module's tables are its internals: other modules go through its API");

  @ArchTest
  static final ArchRule modulesUseEachOthersApiOnly = classes()
      .that().resideInAPackage(ROOT + "..")
      .should(useOtherModulesThroughTheirApiOnly());

  private static ArchCondition<JavaClass> useOtherModulesThroughTheirApiOnly() {
    return new ArchCondition<>("use other modules only through their API") {
      @Override
      public void check(JavaClass origin, ConditionEvents events) {
        Optional<String> from = module(origin);
        if (from.isEmpty()) {
          return; // the application class in dev.baton assembles the modules
        }
        for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
          JavaClass target = dependency.getTargetClass().getBaseComponentType();
          Optional<String> to = module(target);
          if (to.isEmpty() || to.equals(from)) {
            continue;
          }
          JavaClass outermost = outermost(target);
          boolean inApi = outermost.getPackageName().equals(ROOT + "." + to.get())
              && API.getOrDefault(to.get(), Set.of()).contains(outermost.getSimpleName());
          if (!inApi) {
            events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()
                + ": " + outermost.getName() + " is not in the API of module '" + to.get() + "'"));
          }
        }
      }
    };
  }

  private static ArchCondition<JavaClass> beUsedOnlyInTheirOwnModule() {
    return new ArchCondition<>("be used only in their own module") {
      @Override
      public void check(JavaClass store, ConditionEvents events) {
        Optional<String> owner = module(store);
        for (Dependency dependency : store.getDirectDependenciesToSelf()) {
          if (!module(dependency.getOriginClass()).equals(owner)) {
            events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
          }
        }
      }
    };
  }

  /** The module a class belongs to: the first package below dev.baton; empty for dev.baton itself and outside. */
  static Optional<String> module(JavaClass javaClass) {
    String name = javaClass.getPackageName();
    if (!name.startsWith(ROOT + ".")) {
      return Optional.empty();
    }
    String rest = name.substring(ROOT.length() + 1);
    int dot = rest.indexOf('.');
    return Optional.of(dot < 0 ? rest : rest.substring(0, dot));
  }

  private static JavaClass outermost(JavaClass javaClass) {
    JavaClass outer = javaClass;
    while (outer.getEnclosingClass().isPresent()) {
      outer = outer.getEnclosingClass().get();
    }
    return outer;
  }
}
