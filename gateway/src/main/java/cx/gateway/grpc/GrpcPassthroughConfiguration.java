package cx.gateway.grpc;

import cx.gateway.backend.Backends;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

@Configuration(proxyBeanMethods = false)
class GrpcPassthroughConfiguration {

  @Bean
  GrpcPassthrough grpcPassthrough(Backends backends, @Value("${cx.gateway.grpc.port}") int port,
      @Value("${cx.gateway.grpc.max-message-size}") DataSize maxMessageSize) {
    return new GrpcPassthrough(backends, port, (int) maxMessageSize.toBytes());
  }
}
