package cx.profile.api;

import cx.profile.v1.ProfileServiceGrpc;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.grpc.client.GrpcChannelFactory;

/** A blocking stub on the test's in-process channel to the service under test. */
@TestConfiguration(proxyBeanMethods = false)
class InProcessClients {

  @Bean
  ProfileServiceGrpc.ProfileServiceBlockingStub profileStub(GrpcChannelFactory channels) {
    return ProfileServiceGrpc.newBlockingStub(channels.createChannel("0.0.0.0:0"));
  }
}
