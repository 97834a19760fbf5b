package cx.returns.api;

import cx.returns.v1.ReturnsServiceGrpc;
import cx.runtime.testing.TestClock;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.grpc.client.GrpcChannelFactory;

/**
 * A blocking stub on the test's in-process channel to the service under test, and a clock the
 * tests can move forward (it replaces the system clock, which the runtime only provides when
 * no other clock exists).
 */
@TestConfiguration(proxyBeanMethods = false)
class InProcessClients {

  @Bean
  ReturnsServiceGrpc.ReturnsServiceBlockingStub returnsStub(GrpcChannelFactory channels) {
    return ReturnsServiceGrpc.newBlockingStub(channels.createChannel("0.0.0.0:0"));
  }

  @Bean
  TestClock testClock() {
    return TestClock.systemUtc();
  }
}
