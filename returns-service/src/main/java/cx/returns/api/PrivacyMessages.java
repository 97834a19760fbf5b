package cx.returns.api;

import cx.common.v1.DataDisposition;
import cx.common.v1.DataDispositionEntry;
import cx.returns.domain.CustomerPrivacy;
import cx.returns.domain.ErasureRecord;
import java.util.List;

/** What export and erasure do with each kind of record, as disposition entries. */
final class PrivacyMessages {

  private static final String ACCOUNTING =
      "Orders and refunds are financial records kept for accounting; they no longer name the customer.";

  private PrivacyMessages() {
  }

  static List<DataDispositionEntry> exported(CustomerPrivacy.Export export) {
    return List.of(
        entry("returns.order", DataDisposition.DATA_DISPOSITION_EXPORTED, export.orders().size(),
            "Orders with their lines, prices and channel.", ""),
        entry("returns.return", DataDisposition.DATA_DISPOSITION_EXPORTED, export.returns().size(),
            "Returns with their lines, comments, photos, status history and settlement.", ""));
  }

  static List<DataDispositionEntry> erased(ErasureRecord erasure) {
    return List.of(
        entry("returns.order", DataDisposition.DATA_DISPOSITION_PSEUDONYMISED, erasure.ordersPseudonymised(),
            "Orders now name a pseudonym instead of the customer.", ACCOUNTING),
        entry("returns.return", DataDisposition.DATA_DISPOSITION_PSEUDONYMISED, erasure.returnsPseudonymised(),
            "Returns name a pseudonym; comments, photos, messages and shipping details are removed.", ACCOUNTING),
        entry("returns.timeline_event", DataDisposition.DATA_DISPOSITION_REMOVED, 0,
            "Order and return events in the customer's timeline are removed.", ""),
        entry("returns.customer_summary", DataDisposition.DATA_DISPOSITION_REMOVED, 0,
            "The customer's commerce summary and lists of orders and returns are removed.", ""));
  }

  private static DataDispositionEntry entry(String type, DataDisposition disposition, long count, String description,
      String retentionReason) {
    return DataDispositionEntry.newBuilder().setRecordType(type).setDisposition(disposition).setRecordCount(count)
        .setDescription(description).setRetentionReason(retentionReason).build();
  }
}
