package cx.profile.api;

import cx.profile.v1.ProfileServiceGrpc;
import cx.runtime.auth.CallerTokens;
import cx.runtime.testing.ErrorHygiene;
import cx.runtime.testing.TestCallers;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.grpc.client.GrpcChannelFactory;

/** A blocking stub on the test's in-process channel to the service under test, calling as an agent, watched for
 * errors that give away the service's insides ({@link ErrorHygiene}). */
@TestConfiguration(proxyBeanMethods = false)
class InProcessClients {

  @Bean
  ProfileServiceGrpc.ProfileServiceBlockingStub profileStub(GrpcChannelFactory channels, CallerTokens tokens) {
    return TestCallers.agent(ProfileServiceGrpc.newBlockingStub(channels.createChannel("0.0.0.0:0"))
        .withInterceptors(ErrorHygiene.WATCH), tokens);
  }
}
