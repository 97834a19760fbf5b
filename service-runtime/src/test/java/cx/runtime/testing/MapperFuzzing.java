package cx.runtime.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Parser;
import cx.runtime.failure.DomainFailure;
import java.util.function.Function;

/**
 * The check of the services' mapper fuzz tests: whatever bytes parse as a client's message, the
 * proto → domain mapper either builds something or fails with a domain failure that carries a
 * reason (which the runtime maps to a designed status). Any other exception fails the test, as
 * it would reach the client as INTERNAL.
 */
public final class MapperFuzzing {

  private MapperFuzzing() {
  }

  public static <M> void mapsOrFailsAsADomainFailure(byte[] bytes, Parser<M> parser, Function<M, ?> mapper) {
    M message;
    try {
      message = parser.parseFrom(bytes);
    } catch (InvalidProtocolBufferException notAMessage) {
      return;
    }
    try {
      assertThat(mapper.apply(message)).isNotNull();
    } catch (DomainFailure expected) {
      assertThat(expected.reason()).isNotBlank();
    }
  }
}
