package cx.gateway.transcoding;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every REST request passes the transcoder before anything else: whatever its path, query and
 * body, matching it to a contract and parsing it into the request message either succeeds or
 * fails as a {@link BadHttpRequestException} (a 400 naming the part at fault), never with another
 * exception. Kept inputs: {@code src/test/resources/cx/gateway/transcoding/TranscoderFuzzTestInputs/}.
 */
class TranscoderFuzzTest {

  private static final ContractCatalog CONTRACTS = ContractCatalogFixture.contracts();
  private static final List<String> METHODS = List.of("GET", "POST", "PATCH", "DELETE", "PUT");
  private static final List<String> PREFIXES = List.of("/v1/customers/", "/v1/customers/c1/", "/v1/surveys/",
      "/v1/customers/c1/returns/", "/v1/customers/c1/orders/", "/v1/returnPolicy", "/v1/", "/");

  @FuzzTest(maxDuration = "2m")
  void anyRequestIsTranscodedOrRefusedAsABadRequest(FuzzedDataProvider data) {
    String method = data.pickValue(METHODS);
    String path = data.pickValue(PREFIXES) + data.consumeString(120);
    Map<String, List<String>> query = new LinkedHashMap<>();
    int parameters = data.consumeInt(0, 3);
    for (int i = 0; i < parameters; i++) {
      query.put(data.consumeString(30), List.of(data.consumeString(60)));
    }
    byte[] body = data.consumeRemainingAsBytes();
    try {
      if (CONTRACTS.lookup(method, path) instanceof ContractCatalog.Lookup.Found found) {
        assertThat(RequestMapper.toRequest(found.match(), query, body)).isNotNull();
      }
    } catch (BadHttpRequestException expected) {
      assertThat(expected.field()).isNotBlank();
      assertThat(expected.getMessage()).doesNotContain("Exception").doesNotContain("com.google");
    }
  }
}
