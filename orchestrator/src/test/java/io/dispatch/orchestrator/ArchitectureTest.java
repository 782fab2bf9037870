package io.dispatch.orchestrator;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.dispatch.backend.BackendReporter;
import io.dispatch.lifecycle.jobspec.JobSpec;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The package structure, kept by the build: no package depends on itself through others, each
 * third-party client stays inside its adapter, and nomad-sdk inside the Nomad facade.
 */
class ArchitectureTest {

  private static JavaClasses main;

  @BeforeAll
  static void importMainClasses() {
    // The modules' main classes, whether Maven hands them over as directories or jars; testdata
    // is a test fixture, not part of the product.
    main =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(
                "io.dispatch.orchestrator",
                "io.dispatch.lifecycle",
                "io.dispatch.backend",
                "io.dispatch.portdetector");
    assertThat(main.contain(JobSpec.class) && main.contain(BackendReporter.class))
        .as("the other modules' classes are checked too")
        .isTrue();
  }

  @Test
  void noPackageCycles() {
    slices().matching("io.dispatch.(**)").should().beFreeOfCycles().check(main);
  }

  /**
   * nomad-sdk stays behind the facade: only {@code NomadApi}, its HTTP plumbing and the conversion
   * of the SDK's model use its types, so everything that follows a job works on our records and
   * replacing the SDK touches three classes.
   */
  @Test
  void onlyTheNomadFacadeUsesNomadSdkTypes() {
    List<String> facade =
        List.of(
            "io.dispatch.lifecycle.nomad.NomadApi",
            "io.dispatch.lifecycle.nomad.NomadConnection",
            "io.dispatch.lifecycle.nomad.NomadViews");
    DescribedPredicate<JavaClass> inFacade =
        DescribedPredicate.describe(
            "the Nomad facade",
            c ->
                facade.stream()
                    .anyMatch(f -> c.getName().equals(f) || c.getName().startsWith(f + "$")));
    noClasses()
        .that(DescribedPredicate.not(inFacade))
        .should()
        .dependOnClassesThat()
        .resideInAPackage("com.hashicorp..")
        .check(main);
  }

  @ParameterizedTest(name = "{0} only in {1}")
  @CsvSource({
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
