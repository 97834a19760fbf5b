package cx.gateway.transcoding;

import com.google.protobuf.Descriptors.MethodDescriptor;

/**
 * One REST mapping of one RPC, read from its {@code google.api.http} rule.
 *
 * @param httpMethod GET, POST, PATCH, PUT or DELETE
 * @param path the path template
 * @param body {@code "*"} for the whole request, a top-level field name, or empty for none
 * @param responseBody a top-level response field to answer with instead of the whole
 *     response, or empty
 * @param method the RPC
 * @param backend the name of the service that serves the RPC ({@code profile}, ...)
 */
public record HttpBinding(String httpMethod, PathTemplate path, String body, String responseBody,
    MethodDescriptor method, String backend) {

  /** The RPC's full gRPC name, e.g. {@code cx.profile.v1.ProfileService/GetCustomer}. */
  public String fullMethodName() {
    return method.getService().getFullName() + "/" + method.getName();
  }
}
