package cx.feedback;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Keeps the arrows pointing inward: the domain knows no framework, protocol or store. */
@AnalyzeClasses(packages = "cx.feedback", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule domainDependsOnNothingOutside = noClasses()
      .that().resideInAPackage("cx.feedback.domain..")
      .should().dependOnClassesThat().resideInAnyPackage(
          "org.springframework..", "io.grpc..", "com.google.protobuf..", "com.mongodb..", "org.bson..",
          "cx.feedback.v1..", "cx.common.v1..", "cx.feedback.api..", "cx.feedback.store..",
          "cx.runtime.grpc..", "cx.runtime.store..", "cx.runtime.idempotency..");

  @ArchTest
  static final ArchRule onlyTheApiTouchesGeneratedTypes = noClasses()
      .that().resideOutsideOfPackages("cx.feedback.api..", "cx.feedback.v1..")
      .and().resideInAPackage("cx.feedback..")
      .should().dependOnClassesThat().resideInAnyPackage("cx.feedback.v1..", "cx.common.v1..");

  @ArchTest
  static final ArchRule theStoreDoesNotReachIntoTheApi = noClasses()
      .that().resideInAPackage("cx.feedback.store..")
      .should().dependOnClassesThat().resideInAPackage("cx.feedback.api..");
}
