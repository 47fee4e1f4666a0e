package dev.rotor.auth;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class AuthAndAtlasDependenciesTest {
  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.rotor.auth", "dev.rotor.atlas");

  @Test
  void authSpeaksNoHttpAndNeverUsesAtlas() {
    noClasses()
        .that()
        .resideInAPackage("dev.rotor.auth..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "reactor.netty..", "io.netty..", "java.net.http..", "okhttp3..", "dev.rotor.atlas..")
        .check(MAIN);
  }

  @Test
  void clientAndAuthStayBelowTheEngine() {
    noClasses()
        .that()
        .resideInAnyPackage("dev.rotor.auth..", "dev.rotor.atlas..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.rotor.engine..",
            "dev.rotor.journal..",
            "dev.rotor.report..",
            "dev.rotor.schedule..",
            "dev.rotor.cli..",
            "dev.rotor.sandbox..",
            "dev.rotor.plan..")
        .check(MAIN);
  }
}
