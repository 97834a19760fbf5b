package cx.returns.api;

import cx.returns.v1.ReturnsServiceGrpc;
import cx.runtime.auth.CallerTokens;
import cx.runtime.testing.ErrorHygiene;
import cx.runtime.testing.TestCallers;
import cx.runtime.testing.TestClock;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.grpc.client.GrpcChannelFactory;

/**
 * A blocking stub on the test's in-process channel to the service under test, calling as an
 * agent, and a clock the tests can move forward (it replaces the system clock, which the
 * runtime only provides when no other clock exists).
 */
@TestConfiguration(proxyBeanMethods = false)
class InProcessClients {

  @Bean
  ReturnsServiceGrpc.ReturnsServiceBlockingStub returnsStub(GrpcChannelFactory channels, CallerTokens tokens) {
    return TestCallers.agent(ReturnsServiceGrpc.newBlockingStub(channels.createChannel("0.0.0.0:0"))
        .withInterceptors(ErrorHygiene.WATCH), tokens);
  }

  @Bean
  TestClock testClock() {
    return TestClock.systemUtc();
  }
}
