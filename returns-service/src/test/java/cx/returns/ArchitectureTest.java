package cx.returns;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Keeps the arrows pointing inward: the domain knows no framework, protocol or store. */
@AnalyzeClasses(packages = "cx.returns", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule domainDependsOnNothingOutside = noClasses()
      .that().resideInAPackage("cx.returns.domain..")
      .should().dependOnClassesThat().resideInAnyPackage(
          "org.springframework..", "io.grpc..", "com.google.protobuf..", "com.mongodb..", "org.bson..",
          "cx.returns.v1..", "cx.common.v1..", "cx.returns.api..", "cx.returns.store..",
          "cx.runtime.grpc..", "cx.runtime.store..", "cx.runtime.idempotency..", "cx.runtime.paging..");

  @ArchTest
  static final ArchRule onlyTheApiTouchesGeneratedTypes = noClasses()
      .that().resideOutsideOfPackages("cx.returns.api..", "cx.returns.v1..")
      .and().resideInAPackage("cx.returns..")
      .should().dependOnClassesThat().resideInAnyPackage("cx.returns.v1..", "cx.common.v1..");

  @ArchTest
  static final ArchRule theStoreDoesNotReachIntoTheApi = noClasses()
      .that().resideInAPackage("cx.returns.store..")
      .should().dependOnClassesThat().resideInAPackage("cx.returns.api..");
}
