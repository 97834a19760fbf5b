package cx.profile.api;

import cx.common.v1.DataDisposition;
import cx.common.v1.DataDispositionEntry;
import cx.profile.domain.PersonalDataPart;
import java.util.List;

/** Receipt lines between the shared {@code DataDispositionEntry} message and the domain's disposition. */
final class DispositionMessages {

  private static final String PREFIX = "DATA_DISPOSITION_";

  private DispositionMessages() {
  }

  static DataDispositionEntry toMessage(PersonalDataPart.Disposition d) {
    DataDispositionEntry.Builder entry = DataDispositionEntry.newBuilder()
        .setRecordType(d.recordType())
        .setDisposition(DataDisposition.valueOf(PREFIX + d.action()))
        .setRecordCount(d.count())
        .setDescription(d.description())
        .setRetentionReason(d.retentionReason());
    if (d.retainUntil() != null) {
      entry.setRetainUntil(ProtoValues.timestamp(d.retainUntil()));
    }
    return entry.build();
  }

  /** The lines a service reported, as they were reported; a disposition this version does not know is kept unspecified. */
  static List<PersonalDataPart.Disposition> fromMessages(List<DataDispositionEntry> entries) {
    return entries.stream().map(e -> new PersonalDataPart.Disposition(e.getRecordType(),
        e.getDisposition() == DataDisposition.UNRECOGNIZED ? "UNSPECIFIED"
            : e.getDisposition().name().substring(PREFIX.length()),
        e.getRecordCount(), e.getDescription(), e.getRetentionReason(),
        e.hasRetainUntil() ? ProtoValues.instant(true, e.getRetainUntil(), "retain_until").orElseThrow() : null))
        .toList();
  }
}
