package cx.gateway.transcoding;

import com.google.api.AnnotationsProto;
import com.google.api.HttpRule;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every REST mapping the contracts declare, found by reading the {@code google.api.http} option
 * of each RPC. RPCs without one are internal and are not reachable over REST.
 */
public final class ContractCatalog {

  private final List<HttpBinding> bindings;

  private ContractCatalog(List<HttpBinding> bindings) {
    this.bindings = List.copyOf(bindings);
  }

  /**
   * Reads the bindings of every service in the given files. A service in package
   * {@code cx.<backend>.v1} is served by the backend named {@code <backend>}.
   */
  public static ContractCatalog of(List<FileDescriptor> files) {
    List<HttpBinding> bindings = new ArrayList<>();
    for (FileDescriptor file : files) {
      for (ServiceDescriptor service : file.getServices()) {
        String backend = backendOf(service);
        for (MethodDescriptor method : service.getMethods()) {
          if (method.isClientStreaming() || method.isServerStreaming()) {
            continue;
          }
          if (!method.getOptions().hasExtension(AnnotationsProto.http)) {
            continue;
          }
          HttpRule rule = method.getOptions().getExtension(AnnotationsProto.http);
          bindings.add(binding(rule, method, backend));
          for (HttpRule additional : rule.getAdditionalBindingsList()) {
            bindings.add(binding(additional, method, backend));
          }
        }
      }
    }
    // The most specific template wins when two match one path.
    bindings.sort(Comparator.comparingInt((HttpBinding b) -> b.path().literalCount()).reversed());
    return new ContractCatalog(bindings);
  }

  private static String backendOf(ServiceDescriptor service) {
    String[] parts = service.getFile().getPackage().split("\\.");
    if (parts.length != 3 || !parts[0].equals("cx")) {
      throw new IllegalArgumentException("a service's package must be cx.<backend>.<version>: " + service.getFullName());
    }
    return parts[1];
  }

  private static HttpBinding binding(HttpRule rule, MethodDescriptor method, String backend) {
    String verb;
    String path;
    switch (rule.getPatternCase()) {
      case GET -> { verb = "GET"; path = rule.getGet(); }
      case POST -> { verb = "POST"; path = rule.getPost(); }
      case PUT -> { verb = "PUT"; path = rule.getPut(); }
      case PATCH -> { verb = "PATCH"; path = rule.getPatch(); }
      case DELETE -> { verb = "DELETE"; path = rule.getDelete(); }
      case CUSTOM -> { verb = rule.getCustom().getKind().toUpperCase(); path = rule.getCustom().getPath(); }
      default -> throw new IllegalArgumentException("no HTTP pattern on " + method.getFullName());
    }
    return new HttpBinding(verb, PathTemplate.parse(path), rule.getBody(), rule.getResponseBody(), method, backend);
  }

  /** A binding that matched a request, with the values its path variables captured. */
  public record Match(HttpBinding binding, Map<String, String> variables) {
  }

  /** The outcome of looking a request up: a match, a path served under other methods, or nothing. */
  public sealed interface Lookup {
    /** The request maps to an RPC. */
    record Found(Match match) implements Lookup {
    }

    /** The path exists, but not for this HTTP method. */
    record MethodNotAllowed(List<String> allowed) implements Lookup {
    }

    /** No RPC is mapped to the path. */
    record NotMapped() implements Lookup {
    }
  }

  /** Finds the RPC a request maps to. */
  public Lookup lookup(String httpMethod, String rawPath) {
    List<String> allowed = new ArrayList<>();
    for (HttpBinding binding : bindings) {
      Optional<Map<String, String>> variables = binding.path().match(rawPath);
      if (variables.isEmpty()) {
        continue;
      }
      if (binding.httpMethod().equals(httpMethod)) {
        return new Lookup.Found(new Match(binding, variables.get()));
      }
      allowed.add(binding.httpMethod());
    }
    return allowed.isEmpty() ? new Lookup.NotMapped() : new Lookup.MethodNotAllowed(List.copyOf(allowed));
  }

  /** Every binding, most specific first. */
  public List<HttpBinding> bindings() {
    return bindings;
  }
}
