package cx.gateway.transcoding;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.DynamicMessage;
import cx.access.AccessRule;
import cx.common.v1.CallerRole;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Reads the real contracts, so a rule the gateway cannot serve fails the build. */
class ContractCatalogTest {

  private final ContractCatalog catalog = ContractCatalog.of(TranscodingConfiguration.CONTRACTS);

  @Test
  void everyRestMappingOfTheContractsIsServedAndNoneIsAmbiguous() {
    Set<String> seen = new HashSet<>();
    for (HttpBinding binding : catalog.bindings()) {
      assertThat(seen.add(binding.httpMethod() + " " + binding.path())).as("duplicate mapping %s", binding.path()).isTrue();
      assertThat(binding.backend()).isIn("profile", "feedback", "returns");
    }
    assertThat(catalog.bindings()).hasSizeGreaterThan(50);
  }

  @Test
  void internalRpcsHaveNoRestMapping() {
    assertThat(catalog.bindings()).noneMatch(b -> b.method().getName().startsWith("ListCustomer")
        || b.method().getName().equals("EraseCustomer") || b.method().getName().equals("ExportCustomerData"));
  }

  @Test
  void aCustomVerbOnTheCollectionWinsOverTheResourceTemplate() {
    var lookup = catalog.lookup("GET", "/v1/customers:lookup");

    assertThat(lookup).isInstanceOfSatisfying(ContractCatalog.Lookup.Found.class,
        found -> assertThat(found.match().binding().method().getName()).isEqualTo("LookupCustomer"));
  }

  @Test
  void aCustomerIsReadByItsName() {
    var lookup = catalog.lookup("GET", "/v1/customers/k3j9x2m8");

    assertThat(lookup).isInstanceOfSatisfying(ContractCatalog.Lookup.Found.class, found -> {
      assertThat(found.match().binding().fullMethodName()).isEqualTo("cx.profile.v1.ProfileService/GetCustomer");
      assertThat(found.match().variables()).containsEntry("name", "customers/k3j9x2m8");
    });
  }

  @Test
  void aKnownPathWithAnotherMethodIsNotAllowedAndAnUnknownPathIsNotMapped() {
    assertThat(catalog.lookup("DELETE", "/v1/customers/k3j9x2m8")).isInstanceOf(ContractCatalog.Lookup.MethodNotAllowed.class);
    assertThat(catalog.lookup("GET", "/v1/nothing")).isInstanceOf(ContractCatalog.Lookup.NotMapped.class);
  }

  @Test
  void everyCustomersListIsReachedWithTheWildcardParentByStaffOnly() {
    for (String path : List.of("/v1/customers/-/complaints", "/v1/customers/-/followUps",
        "/v1/customers/-/responses", "/v1/customers/-/returns")) {
      var lookup = catalog.lookup("GET", path);

      assertThat(lookup).as(path).isInstanceOfSatisfying(ContractCatalog.Lookup.Found.class, found -> {
        assertThat(found.match().variables()).containsEntry("parent", "customers/-");
        DynamicMessage request = RequestMapper.toRequest(found.match(), Map.of(), new byte[0]);
        AccessRule rule = AccessRule.of(found.match().binding().method());
        assertThat(rule.decide(CallerRole.CALLER_ROLE_AGENT, "agent-1", request)).isEqualTo(AccessRule.Verdict.ALLOWED);
        assertThat(rule.decide(CallerRole.CALLER_ROLE_ADMIN, "admin-1", request)).isEqualTo(AccessRule.Verdict.ALLOWED);
        assertThat(rule.decide(CallerRole.CALLER_ROLE_CUSTOMER, "c1", request))
            .isNotEqualTo(AccessRule.Verdict.ALLOWED);
      });
    }
  }

  @Test
  void returnsAreServedByReturnsService() {
    var lookup = catalog.lookup("POST", "/v1/customers/c1/returns/r1:approve");

    assertThat(lookup).isInstanceOfSatisfying(ContractCatalog.Lookup.Found.class,
        found -> assertThat(found.match().binding().backend()).isEqualTo("returns"));
  }
}
