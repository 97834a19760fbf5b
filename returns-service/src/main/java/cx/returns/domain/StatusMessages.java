package cx.returns.domain;

/** The standard text shown to the customer for each state, when a step gives none of its own. */
public final class StatusMessages {

  private StatusMessages() {
  }

  public static String standard(ReturnState state) {
    return switch (state) {
      case REQUESTED -> "We have received your return request.";
      case APPROVED -> "Your return is approved. Please send the items back with the return label.";
      case REJECTED -> "Your return could not be accepted.";
      case IN_TRANSIT -> "Your return is on its way to us.";
      case RECEIVED -> "We have received your returned items.";
      case INSPECTED -> "We have checked your returned items.";
      case REFUNDED -> "Your refund has been issued.";
      case EXCHANGED -> "Your replacement is on its way.";
      case CREDITED -> "Your store credit has been issued.";
      case CANCELLED -> "Your return has been cancelled.";
      case EXPIRED -> "Your return label has expired, so the return was closed.";
    };
  }
}
