package cx.gateway.guard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AccessLogFilterTest {

  @Test
  void resourceIdsAreLeftOutOfLoggedPaths() {
    assertThat(AccessLogFilter.redact("/v1/customers/k3j9x2m8/returns/r-1:approve"))
        .isEqualTo("/v1/customers/*/returns/*:approve");
    assertThat(AccessLogFilter.redact("/v1/customers:search")).isEqualTo("/v1/customers:search");
    assertThat(AccessLogFilter.redact("/v1/customers/ada@example.com")).isEqualTo("/v1/customers/*");
  }
}
