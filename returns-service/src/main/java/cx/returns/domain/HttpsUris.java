package cx.returns.domain;

import java.net.URI;
import java.net.URISyntaxException;

/** Which links the service accepts from callers: absolute https URIs of bounded length. */
final class HttpsUris {

  static final int MAX_LENGTH = 2048;

  private HttpsUris() {
  }

  static boolean isValid(String value) {
    if (value.isEmpty() || value.length() > MAX_LENGTH) {
      return false;
    }
    try {
      URI uri = new URI(value);
      return "https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null && !uri.getHost().isEmpty();
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
