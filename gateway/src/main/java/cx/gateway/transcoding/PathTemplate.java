package cx.gateway.transcoding;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code google.api.http} path template, such as {@code /v1/{name=customers/*}/returns:approve}
 * or {@code /v1/customers/{customer}/timeline}, matched against request paths.
 *
 * <p>Supports the grammar of {@code google/api/http.proto}: literal segments, {@code *} (one
 * segment), {@code **} (the rest, last only), variables {@code {field.path}} and
 * {@code {field.path=pattern}}, and a trailing {@code :verb}. A match yields each variable's
 * field path and the text it captured, percent-decoded.
 */
public final class PathTemplate {

  private final String source;
  private final List<Segment> segments;
  private final String verb;

  private PathTemplate(String source, List<Segment> segments, String verb) {
    this.source = source;
    this.segments = segments;
    this.verb = verb;
  }

  /** One segment of the template, optionally bound to a variable. */
  private record Segment(String literal, boolean wildcard, boolean rest, String variable, boolean variableStart, boolean variableEnd) {
  }

  /** Parses a template as written in a {@code google.api.http} rule. */
  public static PathTemplate parse(String template) {
    if (!template.startsWith("/")) {
      throw new IllegalArgumentException("a path template starts with '/': " + template);
    }
    String path = template.substring(1);
    String verb = null;
    int lastSlash = path.lastIndexOf('/');
    int lastBrace = path.lastIndexOf('}');
    int colon = path.indexOf(':', Math.max(lastSlash, lastBrace) + 1);
    if (colon >= 0) {
      verb = path.substring(colon + 1);
      path = path.substring(0, colon);
    }
    List<Segment> segments = new ArrayList<>();
    int i = 0;
    while (i < path.length()) {
      if (path.charAt(i) == '{') {
        int close = path.indexOf('}', i);
        if (close < 0) {
          throw new IllegalArgumentException("unclosed variable in " + template);
        }
        String variable = path.substring(i + 1, close);
        String field = variable;
        String pattern = "*";
        int equals = variable.indexOf('=');
        if (equals >= 0) {
          field = variable.substring(0, equals);
          pattern = variable.substring(equals + 1);
        }
        String[] parts = pattern.split("/");
        for (int p = 0; p < parts.length; p++) {
          segments.add(segment(parts[p], field, p == 0, p == parts.length - 1));
        }
        i = close + 1;
      } else {
        int end = path.indexOf('/', i);
        if (end < 0) {
          end = path.length();
        }
        segments.add(segment(path.substring(i, end), null, false, false));
        i = end;
      }
      if (i < path.length()) {
        if (path.charAt(i) != '/') {
          throw new IllegalArgumentException("unexpected '" + path.charAt(i) + "' in " + template);
        }
        i++;
      }
    }
    return new PathTemplate(template, List.copyOf(segments), verb);
  }

  private static Segment segment(String text, String variable, boolean start, boolean end) {
    return new Segment(text, "*".equals(text), "**".equals(text), variable, start, end);
  }

  /**
   * Matches a request path (raw, still percent-encoded).
   *
   * @return the variables' values by field path, or empty if the path does not match
   */
  public Optional<Map<String, String>> match(String rawPath) {
    if (!rawPath.startsWith("/")) {
      return Optional.empty();
    }
    String path = rawPath.substring(1);
    if (verb != null) {
      String suffix = ":" + verb;
      if (!path.endsWith(suffix)) {
        return Optional.empty();
      }
      path = path.substring(0, path.length() - suffix.length());
    } else {
      int lastSlash = path.lastIndexOf('/');
      if (path.indexOf(':', lastSlash + 1) >= 0) {
        return Optional.empty();
      }
    }
    String[] parts = path.isEmpty() ? new String[0] : path.split("/", -1);
    Map<String, StringBuilder> captured = new LinkedHashMap<>();
    int p = 0;
    for (int s = 0; s < segments.size(); s++) {
      Segment segment = segments.get(s);
      if (segment.rest()) {
        if (p >= parts.length) {
          return Optional.empty();
        }
        StringBuilder rest = new StringBuilder();
        for (; p < parts.length; p++) {
          if (parts[p].isEmpty()) {
            return Optional.empty();
          }
          rest.append(rest.length() == 0 ? "" : "/").append(decode(parts[p]));
        }
        capture(captured, segment, rest.toString());
        continue;
      }
      if (p >= parts.length || parts[p].isEmpty()) {
        return Optional.empty();
      }
      String value = decode(parts[p]);
      if (!segment.wildcard() && !segment.literal().equals(value)) {
        return Optional.empty();
      }
      capture(captured, segment, value);
      p++;
    }
    if (p != parts.length) {
      return Optional.empty();
    }
    Map<String, String> variables = new LinkedHashMap<>();
    captured.forEach((field, value) -> variables.put(field, value.toString()));
    return Optional.of(variables);
  }

  private static void capture(Map<String, StringBuilder> captured, Segment segment, String value) {
    if (segment.variable() == null) {
      return;
    }
    StringBuilder text = captured.computeIfAbsent(segment.variable(), k -> new StringBuilder());
    if (!segment.variableStart()) {
      text.append('/');
    }
    text.append(value);
  }

  private static String decode(String part) {
    try {
      return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      // A '%' not followed by two hex digits: the client's mistake, not a server failure.
      throw new BadHttpRequestException("path", "is not validly percent-encoded");
    }
  }

  /** The number of literal segments; more literals make a more specific template. */
  public int literalCount() {
    return (int) segments.stream().filter(s -> !s.wildcard() && !s.rest()).count() + (verb == null ? 0 : 1);
  }

  @Override
  public String toString() {
    return source;
  }
}
