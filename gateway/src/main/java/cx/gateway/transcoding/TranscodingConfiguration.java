package cx.gateway.transcoding;

import com.google.protobuf.Descriptors.FileDescriptor;
import cx.feedback.v1.FeedbackServiceProto;
import cx.gateway.backend.Backends;
import cx.gateway.openapi.OpenApiDocument;
import cx.profile.v1.ProfileServiceProto;
import cx.returns.v1.ReturnsServiceProto;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.grpc.client.GrpcChannelFactory;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/** Serves the REST API under {@code /v1/} from the contracts of the three services. */
@Configuration(proxyBeanMethods = false)
class TranscodingConfiguration {

  /** The contracts whose REST mappings the gateway serves. */
  static final List<FileDescriptor> CONTRACTS = List.of(
      ProfileServiceProto.getDescriptor(),
      FeedbackServiceProto.getDescriptor(),
      ReturnsServiceProto.getDescriptor());

  @Bean
  ContractCatalog contractCatalog() {
    return ContractCatalog.of(CONTRACTS);
  }

  @Bean(destroyMethod = "close")
  Backends backends(GrpcChannelFactory channels, @Value("${cx.gateway.call-timeout}") Duration callTimeout) {
    return new Backends(channels, callTimeout);
  }

  @Bean
  TranscodingHandler transcodingHandler(ContractCatalog catalog, Backends backends) {
    return new TranscodingHandler(catalog, backends);
  }

  /** The API's OpenAPI 3 description at a stable path, then every REST mapping under /v1/. */
  @Bean
  RouterFunction<ServerResponse> restApi(TranscodingHandler handler, ContractCatalog catalog) {
    String openApi = OpenApiDocument.generate(catalog, "v1");
    return RouterFunctions.route(RequestPredicates.GET("/v1/openapi.json"),
            request -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(openApi))
        .and(RouterFunctions.route(RequestPredicates.path("/v1/**"), handler::handle));
  }
}
