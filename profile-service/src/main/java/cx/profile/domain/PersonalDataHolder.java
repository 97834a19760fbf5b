package cx.profile.domain;

import java.time.Instant;
import java.util.List;

/**
 * A service that holds personal data under customer ids and does its own part of a
 * data-subject request: this service itself, or another one reached over the network. Every
 * call is safe to repeat: an erasure is keyed by its privacy request and answers a repeat with
 * its first receipt, and an export only reads.
 */
public interface PersonalDataHolder {

  /** Which service this is. */
  PlatformService service();

  /**
   * Erases what the service holds on the ids.
   *
   * @throws Unavailable when the call failed; {@link Unavailable#retryable()} says whether a
   *     later call may succeed
   */
  Erased erase(List<String> customerIds, String privacyRequest);

  /**
   * One page of what the service holds on the ids.
   *
   * @param pageToken empty for the first page, then the previous page's {@link ExportPage#nextPageToken()}
   * @throws Unavailable as for {@link #erase}
   */
  ExportPage export(List<String> customerIds, String privacyRequest, String pageToken);

  /** A service's receipt for its part of an erasure. */
  record Erased(List<PersonalDataPart.Disposition> dispositions, Instant completeTime) {
    public Erased {
      dispositions = List.copyOf(dispositions);
    }
  }

  /**
   * One page of a service's part of an export.
   *
   * @param records the page's records, in the service's own encoding
   * @param dispositions what the page holds, one line per kind of record
   * @param nextPageToken empty on the last page
   */
  record ExportPage(byte[] records, List<PersonalDataPart.Disposition> dispositions, String nextPageToken) {
    public ExportPage {
      dispositions = List.copyOf(dispositions);
    }
  }

  /**
   * A call that did not get the service's part done.
   *
   * @see #error()
   * @see #retryable()
   */
  final class Unavailable extends RuntimeException {

    private final String error;
    private final boolean retryable;

    /**
     * @param error the ErrorInfo reason, or the status code name when there was none; never raw
     *     error text, since it is shown on the receipt
     * @param retryable whether a later call may succeed (the service was down, slow, overloaded
     *     or failing), as opposed to an answer no retry changes (the request itself was refused)
     */
    public Unavailable(String error, boolean retryable) {
      super(error, null, false, false);
      this.error = error;
      this.retryable = retryable;
    }

    public String error() {
      return error;
    }

    public boolean retryable() {
      return retryable;
    }
  }
}
