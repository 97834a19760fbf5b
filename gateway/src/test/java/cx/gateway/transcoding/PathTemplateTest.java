package cx.gateway.transcoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PathTemplateTest {

  @Test
  void aResourceNameVariableCapturesEverySegmentOfItsPattern() {
    PathTemplate template = PathTemplate.parse("/v1/{name=customers/*/returns/*}");

    assertThat(template.match("/v1/customers/c-1/returns/r-2")).contains(Map.of("name", "customers/c-1/returns/r-2"));
    assertThat(template.match("/v1/customers/c-1/orders/r-2")).isEmpty();
    assertThat(template.match("/v1/customers/c-1/returns")).isEmpty();
  }

  @Test
  void aCustomVerbMustBePresentAndMatch() {
    PathTemplate approve = PathTemplate.parse("/v1/{name=customers/*/returns/*}:approve");

    assertThat(approve.match("/v1/customers/c/returns/r:approve")).contains(Map.of("name", "customers/c/returns/r"));
    assertThat(approve.match("/v1/customers/c/returns/r:reject")).isEmpty();
    assertThat(approve.match("/v1/customers/c/returns/r")).isEmpty();
  }

  @Test
  void aLiteralInsideAVariablesPatternMustBeThere() {
    PathTemplate batch = PathTemplate.parse("/v1/{parent=customers/-}/responses:batchSubmit");

    assertThat(batch.match("/v1/customers/-/responses:batchSubmit")).contains(Map.of("parent", "customers/-"));
    assertThat(batch.match("/v1/customers/c-1/responses:batchSubmit")).isEmpty();
  }

  @Test
  void aTemplateWithoutVerbDoesNotMatchAPathWithOne() {
    assertThat(PathTemplate.parse("/v1/{name=customers/*}").match("/v1/customers/c:erase")).isEmpty();
    assertThat(PathTemplate.parse("/v1/customers").match("/v1/customers:lookup")).isEmpty();
    assertThat(PathTemplate.parse("/v1/customers:lookup").match("/v1/customers:lookup")).contains(Map.of());
  }

  @Test
  void aPlainVariableTakesOneSegmentAndIsPercentDecoded() {
    PathTemplate template = PathTemplate.parse("/v1/customers/{customer}/timeline");

    assertThat(template.match("/v1/customers/a%2Fb/timeline")).contains(Map.of("customer", "a/b"));
    assertThat(template.match("/v1/customers/a+b/timeline")).contains(Map.of("customer", "a+b"));
    assertThat(template.match("/v1/customers//timeline")).isEmpty();
  }

  @Test
  void aDoubleWildcardTakesTheRestOfThePath() {
    PathTemplate template = PathTemplate.parse("/v1/{path=files/**}");

    assertThat(template.match("/v1/files/a/b/c")).contains(Map.of("path", "files/a/b/c"));
    assertThat(template.match("/v1/files")).isEmpty();
  }

  @Test
  void moreLiteralSegmentsMakeAMoreSpecificTemplate() {
    assertThat(PathTemplate.parse("/v1/customers:lookup").literalCount())
        .isGreaterThan(PathTemplate.parse("/v1/{name=customers/*}").literalCount());
  }

  @Test
  void aMalformedPercentEscapeIsTheClientsBadRequestNotAServerFailure() {
    PathTemplate template = PathTemplate.parse("/v1/{customer=customers/*}");

    for (String path : List.of("/v1/customers/%zz", "/v1/customers/%", "/v1/customers/a%2")) {
      assertThatThrownBy(() -> template.match(path)).as(path)
          .isInstanceOfSatisfying(BadHttpRequestException.class, e -> assertThat(e.field()).isEqualTo("path"));
    }
  }
}
