package cx.returns.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.protobuf.InvalidProtocolBufferException;
import cx.returns.v1.CreateReturnRequest;
import cx.returns.v1.RecordOrderRequest;
import cx.returns.v1.UpdateReturnPolicyRequest;
import cx.runtime.failure.DomainFailure;

/**
 * Whatever request message a client sends, the proto → domain mappers either build a command or
 * fail with a domain failure, which the runtime maps to a designed status; any other exception
 * would reach the client as INTERNAL. Kept inputs (serialised requests) live in
 * {@code src/test/resources/cx/returns/api/ReturnsMessagesFuzzTestInputs/}.
 */
class ReturnsMessagesFuzzTest {

  @FuzzTest(maxDuration = "2m")
  void anyRecordOrderRequestMapsOrFailsAsADomainFailure(byte[] bytes) {
    RecordOrderRequest request;
    try {
      request = RecordOrderRequest.parseFrom(bytes);
    } catch (InvalidProtocolBufferException notARequest) {
      return;
    }
    try {
      assertThat(OrderMessages.toNewOrder(request)).isNotNull();
    } catch (DomainFailure expected) {
      assertThat(expected.reason()).isNotBlank();
    }
  }

  @FuzzTest(maxDuration = "2m")
  void anyCreateReturnRequestMapsOrFailsAsADomainFailure(byte[] bytes) {
    CreateReturnRequest request;
    try {
      request = CreateReturnRequest.parseFrom(bytes);
    } catch (InvalidProtocolBufferException notARequest) {
      return;
    }
    try {
      assertThat(ReturnMessages.toNewReturn(request)).isNotNull();
    } catch (DomainFailure expected) {
      assertThat(expected.reason()).isNotBlank();
    }
  }

  @FuzzTest(maxDuration = "2m")
  void anyPolicyUpdateMapsOrFailsAsADomainFailure(byte[] bytes) {
    UpdateReturnPolicyRequest request;
    try {
      request = UpdateReturnPolicyRequest.parseFrom(bytes);
    } catch (InvalidProtocolBufferException notARequest) {
      return;
    }
    try {
      assertThat(PolicyMessages.toChange(request)).isNotNull();
    } catch (DomainFailure expected) {
      assertThat(expected.reason()).isNotBlank();
    }
  }
}
