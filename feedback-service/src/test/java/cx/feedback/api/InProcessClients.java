package cx.feedback.api;

import cx.feedback.v1.FeedbackServiceGrpc;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.grpc.client.GrpcChannelFactory;

/** A blocking stub on the test's in-process channel to the service under test. */
@TestConfiguration(proxyBeanMethods = false)
class InProcessClients {

  @Bean
  FeedbackServiceGrpc.FeedbackServiceBlockingStub feedbackStub(GrpcChannelFactory channels) {
    return FeedbackServiceGrpc.newBlockingStub(channels.createChannel("0.0.0.0:0"));
  }
}
