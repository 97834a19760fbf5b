package cx.returns.api;

import static cx.runtime.testing.MapperFuzzing.mapsOrFailsAsADomainFailure;

import com.code_intelligence.jazzer.junit.FuzzTest;
import cx.returns.v1.CreateReturnRequest;
import cx.returns.v1.RecordOrderRequest;
import cx.returns.v1.UpdateReturnPolicyRequest;

/**
 * Whatever request message a client sends, the proto → domain mappers either build a command or
 * fail with a domain failure, which the runtime maps to a designed status; any other exception
 * would reach the client as INTERNAL. Kept inputs (serialised requests) live in
 * {@code src/test/resources/cx/returns/api/ReturnsMessagesFuzzTestInputs/}.
 */
class ReturnsMessagesFuzzTest {

  @FuzzTest(maxDuration = "2m")
  void anyRecordOrderRequestMapsOrFailsAsADomainFailure(byte[] bytes) {
    mapsOrFailsAsADomainFailure(bytes, RecordOrderRequest.parser(), OrderMessages::toNewOrder);
  }

  @FuzzTest(maxDuration = "2m")
  void anyCreateReturnRequestMapsOrFailsAsADomainFailure(byte[] bytes) {
    mapsOrFailsAsADomainFailure(bytes, CreateReturnRequest.parser(), ReturnMessages::toNewReturn);
  }

  @FuzzTest(maxDuration = "2m")
  void anyPolicyUpdateMapsOrFailsAsADomainFailure(byte[] bytes) {
    mapsOrFailsAsADomainFailure(bytes, UpdateReturnPolicyRequest.parser(), PolicyMessages::toChange);
  }
}
