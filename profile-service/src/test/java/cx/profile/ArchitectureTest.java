package cx.profile;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Keeps the arrows pointing inward: the domain knows no framework, protocol or store. */
@AnalyzeClasses(packages = "cx.profile", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule domainDependsOnNothingOutside = noClasses()
      .that().resideInAPackage("cx.profile.domain..")
      .should().dependOnClassesThat().resideInAnyPackage(
          "org.springframework..", "io.grpc..", "com.google.protobuf..", "com.mongodb..", "org.bson..",
          "cx.profile.v1..", "cx.common.v1..", "cx.profile.api..", "cx.profile.store..",
          "cx.runtime.grpc..", "cx.runtime.store..", "cx.runtime.idempotency..");

  @ArchTest
  static final ArchRule onlyTheApiTouchesGeneratedTypes = noClasses()
      .that().resideOutsideOfPackages("cx.profile.api..", "cx.profile.v1..")
      .and().resideInAPackage("cx.profile..")
      .should().dependOnClassesThat().resideInAnyPackage("cx.profile.v1..", "cx.common.v1..");

  @ArchTest
  static final ArchRule theStoreDoesNotReachIntoTheApi = noClasses()
      .that().resideInAPackage("cx.profile.store..")
      .should().dependOnClassesThat().resideInAPackage("cx.profile.api..");
}
