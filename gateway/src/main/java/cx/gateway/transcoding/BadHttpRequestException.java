package cx.gateway.transcoding;

/** An HTTP request that cannot be turned into an RPC request; answered as 400. */
public final class BadHttpRequestException extends RuntimeException {

  private final String field;

  public BadHttpRequestException(String field, String description) {
    super(description, null, false, false);
    this.field = field;
  }

  /** The request field or part ({@code body}) at fault. */
  public String field() {
    return field;
  }
}
