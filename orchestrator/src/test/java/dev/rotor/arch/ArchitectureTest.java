package dev.rotor.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Holds the direction of package dependencies: cli -> schedule -> engine -> atlas, auth, journal;
 * report reads the journal; the sandbox stands apart; only atlas speaks HTTP to Atlas.
 */
@AnalyzeClasses(packages = "dev.rotor", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  private static final String[] MODEL = {
    "dev.rotor.config..", "dev.rotor.input..", "dev.rotor.plan.."
  };

  @ArchTest
  static final ArchRule nothingDependsOnTheCli =
      noClasses()
          .that()
          .resideOutsideOfPackage("dev.rotor.cli..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("dev.rotor.cli..");

  @ArchTest
  static final ArchRule theSandboxStandsApart =
      noClasses()
          .that()
          .resideInAPackage("dev.rotor.sandbox..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.rotor.atlas..",
              "dev.rotor.auth..",
              "dev.rotor.config..",
              "dev.rotor.engine..",
              "dev.rotor.input..",
              "dev.rotor.journal..",
              "dev.rotor.plan..",
              "dev.rotor.report..",
              "dev.rotor.schedule..");

  @ArchTest
  static final ArchRule onlyTheCliUsesTheSandbox =
      noClasses()
          .that()
          .resideOutsideOfPackages("dev.rotor.cli..", "dev.rotor.sandbox..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("dev.rotor.sandbox..");

  @ArchTest
  static final ArchRule theSchedulerIsOnlyUsedByTheCli =
      noClasses()
          .that()
          .resideOutsideOfPackages("dev.rotor.cli..", "dev.rotor.schedule..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("dev.rotor.schedule..");

  @ArchTest
  static final ArchRule theEngineDoesNotReachUp =
      noClasses()
          .that()
          .resideInAPackage("dev.rotor.engine..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.rotor.schedule..", "dev.rotor.report..");

  @ArchTest
  static final ArchRule clientAndCredentialsAndJournalAreLeaves =
      noClasses()
          .that()
          .resideInAnyPackage("dev.rotor.atlas..", "dev.rotor.auth..", "dev.rotor.journal..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.rotor.engine..", "dev.rotor.report..", "dev.rotor.plan..");

  @ArchTest
  static final ArchRule credentialsNeverCallTheClient =
      noClasses()
          .that()
          .resideInAPackage("dev.rotor.auth..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.rotor.atlas..", "dev.rotor.journal..");

  @ArchTest
  static final ArchRule theReportReadsOnlyTheJournal =
      noClasses()
          .that()
          .resideInAPackage("dev.rotor.report..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.rotor.atlas..", "dev.rotor.auth..", "dev.rotor.engine..");

  @ArchTest
  static final ArchRule modelPackagesDependOnNothingAbove =
      noClasses()
          .that()
          .resideInAnyPackage(MODEL)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.rotor.atlas..",
              "dev.rotor.auth..",
              "dev.rotor.engine..",
              "dev.rotor.journal..",
              "dev.rotor.report..",
              "dev.rotor.schedule..");

  @ArchTest
  static final ArchRule onlyAtlasAndTheSandboxAndOpsSpeakHttp =
      noClasses()
          .that()
          .resideOutsideOfPackages(
              "dev.rotor.atlas..", "dev.rotor.sandbox..", "dev.rotor.schedule..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("reactor.netty.http..", "java.net.http..");
}
