package io.dispatch.orchestrator;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The package structure, kept by the build: no package depends on itself through others, and each
 * third-party client stays inside its adapter.
 */
class ArchitectureTest {

  private static JavaClasses main;

  @BeforeAll
  static void importMainClasses() {
    main =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("io.dispatch");
  }

  @Test
  void noPackageCycles() {
    slices().matching("io.dispatch.(**)").should().beFreeOfCycles().check(main);
  }

  @ParameterizedTest(name = "{0} only in {1}")
  @CsvSource({
    "com.hashicorp.., io.dispatch.lifecycle.nomad..",
    "com.github.dockerjava.., io.dispatch.lifecycle.docker..",
    "org.eclipse.jgit.., io.dispatch.lifecycle.source..",
    "io.nats.., io.dispatch.lifecycle.nats..",
  })
  void thirdPartyTypesStayInsideTheirAdapter(String library, String adapter) {
    noClasses()
        .that()
        .resideOutsideOfPackage(adapter)
        .should()
        .dependOnClassesThat()
        .resideInAPackage(library)
        .check(main);
  }
}
