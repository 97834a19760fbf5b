package cx.gateway.transcoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import cx.profile.v1.CreateCustomerRequest;
import cx.profile.v1.IdentityType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestMapperTest {

  private final ContractCatalog catalog = ContractCatalog.of(TranscodingConfiguration.CONTRACTS);

  private ContractCatalog.Match match(String method, String path) {
    return ((ContractCatalog.Lookup.Found) catalog.lookup(method, path)).match();
  }

  private static byte[] json(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void theBodyFillsTheFieldTheRuleNamesAndQueryParametersTheRest() throws InvalidProtocolBufferException {
    DynamicMessage request = RequestMapper.toRequest(match("POST", "/v1/customers"),
        Map.of("requestId", List.of("r-1")),
        json("{\"displayName\": \"Ada\", \"identities\": [{\"type\": \"IDENTITY_TYPE_EMAIL\", \"value\": \"a@b.co\"}]}"));

    CreateCustomerRequest typed = CreateCustomerRequest.parseFrom(request.toByteArray());
    assertThat(typed.getRequestId()).isEqualTo("r-1");
    assertThat(typed.getCustomer().getDisplayName()).isEqualTo("Ada");
    assertThat(typed.getCustomer().getIdentities(0).getType()).isEqualTo(IdentityType.IDENTITY_TYPE_EMAIL);
  }

  @Test
  void pathVariablesFillTheirFields() {
    DynamicMessage request = RequestMapper.toRequest(match("GET", "/v1/customers/abc"), Map.of(), new byte[0]);

    assertThat(request.getField(request.getDescriptorForType().findFieldByName("name"))).isEqualTo("customers/abc");
  }

  @Test
  void queryParametersReachNestedAndRepeatedFieldsByProtoOrJsonName() {
    var match = match("GET", "/v1/customers:search");
    var fields = match.binding().method().getInputType().getFields();
    assertThat(fields).isNotEmpty();
    DynamicMessage request = RequestMapper.toRequest(match, Map.of("page_size", List.of("20"), "pageToken", List.of("t")),
        new byte[0]);

    assertThat(request.getField(request.getDescriptorForType().findFieldByName("page_size"))).isEqualTo(20);
    assertThat(request.getField(request.getDescriptorForType().findFieldByName("page_token"))).isEqualTo("t");
  }

  @Test
  void unknownFieldsWrongTypesAndMalformedJsonAreTheCallersMistake() {
    var create = match("POST", "/v1/customers");
    assertThatThrownBy(() -> RequestMapper.toRequest(create, Map.of(), json("{\"shoeSize\": 44}")))
        .isInstanceOf(BadHttpRequestException.class).hasMessageContaining("unknown field");
    assertThatThrownBy(() -> RequestMapper.toRequest(create, Map.of(), json("{oops")))
        .isInstanceOf(BadHttpRequestException.class).hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> RequestMapper.toRequest(create, Map.of(), json("[1, 2]")))
        .isInstanceOf(BadHttpRequestException.class);
    assertThatThrownBy(() -> RequestMapper.toRequest(create, Map.of("bogus", List.of("1")), json("{}")))
        .isInstanceOfSatisfying(BadHttpRequestException.class, e -> assertThat(e.field()).isEqualTo("bogus"));
    var search = match("GET", "/v1/customers:search");
    assertThatThrownBy(() -> RequestMapper.toRequest(search, Map.of("page_size", List.of("many")), new byte[0]))
        .isInstanceOf(BadHttpRequestException.class);
    assertThatThrownBy(() -> RequestMapper.toRequest(search, Map.of("page_size", List.of("1", "2")), new byte[0]))
        .isInstanceOf(BadHttpRequestException.class).hasMessageContaining("one value");
  }

  @Test
  void aMethodWithoutBodyRefusesOneAndAMethodWithABodyRequiresIt() {
    assertThatThrownBy(() -> RequestMapper.toRequest(match("GET", "/v1/customers/abc"), Map.of(), json("{}")))
        .isInstanceOf(BadHttpRequestException.class);
    assertThatThrownBy(() -> RequestMapper.toRequest(match("POST", "/v1/customers"), Map.of(), new byte[0]))
        .isInstanceOf(BadHttpRequestException.class).hasMessageContaining("required");
  }

  @Test
  void aQueryParameterCannotOverrideAPathVariable() {
    assertThatThrownBy(() -> RequestMapper.toRequest(match("GET", "/v1/customers/abc"),
        Map.of("name", List.of("customers/other")), new byte[0]))
        .isInstanceOf(BadHttpRequestException.class);
  }
}
