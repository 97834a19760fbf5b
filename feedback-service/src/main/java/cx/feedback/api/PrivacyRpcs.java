package cx.feedback.api;

import cx.common.v1.DataDisposition;
import cx.common.v1.DataDispositionEntry;
import cx.feedback.domain.CustomerFeedbackSummaries;
import cx.feedback.domain.PrivacyDesk;
import cx.feedback.domain.PrivacyReceipts;
import cx.feedback.v1.EraseCustomerRequest;
import cx.feedback.v1.EraseCustomerResponse;
import cx.feedback.v1.ExportCustomerDataRequest;
import cx.feedback.v1.ExportCustomerDataResponse;
import cx.runtime.failure.InvalidArgumentException;
import cx.runtime.paging.PageSize;
import cx.runtime.paging.PageTokens;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The internal privacy methods: a customer's data export, page by page, and the erasure. */
final class PrivacyRpcs {

  private static final Logger log = LoggerFactory.getLogger(PrivacyRpcs.class);
  private static final int MAX_IDS = 1000;
  private static final Pattern PRIVACY_REQUEST = Pattern.compile("privacyRequests/([A-Za-z0-9_-]{1,64})");

  private final PrivacyDesk privacy;
  private final PageTokens tokens;

  PrivacyRpcs(PrivacyDesk privacy, PageTokens tokens) {
    this.privacy = privacy;
    this.tokens = tokens;
  }

  ExportCustomerDataResponse export(ExportCustomerDataRequest request) {
    Set<String> ids = CustomerFeedbackSummaries.checkCustomerIds(request.getCustomerIdsList(), MAX_IDS, "customer_ids");
    String privacyRequest = privacyRequestId(request.getPrivacyRequest());
    int size = PageSize.coerce(request.getPageSize());
    String fingerprint = PageTokens.fingerprint("ExportCustomerData",
        List.of(String.join(",", ids.stream().sorted().toList()), privacyRequest));
    List<String> position = tokens.decode(request.getPageToken(), fingerprint);
    int from;
    try {
      from = position.isEmpty() ? 0 : Integer.parseInt(position.get(0));
    } catch (NumberFormatException e) {
      throw InvalidArgumentException.of("page_token", "is not a token this service issued");
    }
    PrivacyDesk.CustomerData all = privacy.dataOf(ids);
    PrivacyDesk.CustomerData page = all.slice(from, from + size);
    var response = ExportCustomerDataResponse.newBuilder()
        .setNextPageToken(from + size < all.size() ? tokens.encode(fingerprint, List.of(Integer.toString(from + size)))
            : "");
    page.responses().forEach(r -> response.addSurveyResponses(ResponseMessages.toMessage(r)));
    page.complaints().forEach(c -> response.addComplaints(ComplaintMessages.toMessage(c)));
    page.followUps().forEach(f -> response.addFollowUps(ResponseMessages.toMessage(f)));
    var surveys = privacy.surveysOf(page.responses());
    surveys.forEach(s -> response.addSurveys(SurveyMessages.toMessage(s)));
    response.addDispositions(exported("survey_response", page.responses().size()))
        .addDispositions(exported("complaint", page.complaints().size()))
        .addDispositions(exported("follow_up", page.followUps().size()))
        .addDispositions(exported("survey", surveys.size()));
    log.info("Exported {} records for privacy request {}", page.size(), privacyRequest);
    return response.build();
  }

  EraseCustomerResponse erase(EraseCustomerRequest request) {
    Set<String> ids = CustomerFeedbackSummaries.checkCustomerIds(request.getCustomerIdsList(), MAX_IDS, "customer_ids");
    PrivacyReceipts.Receipt receipt = privacy.erase(ids, privacyRequestId(request.getPrivacyRequest()));
    var response = EraseCustomerResponse.newBuilder()
        .setCompleteTime(ValueMessages.timestamp(receipt.completeTime()));
    for (PrivacyReceipts.Line line : receipt.lines()) {
      response.addDispositions(DataDispositionEntry.newBuilder().setRecordType(line.recordType())
          .setDisposition(DataDisposition.valueOf("DATA_DISPOSITION_" + line.disposition().name()))
          .setRecordCount(line.count()).setDescription(line.description()));
    }
    return response.build();
  }

  private static DataDispositionEntry exported(String recordType, long count) {
    return DataDispositionEntry.newBuilder().setRecordType(recordType)
        .setDisposition(DataDisposition.DATA_DISPOSITION_EXPORTED).setRecordCount(count).build();
  }

  private static String privacyRequestId(String name) {
    var matcher = PRIVACY_REQUEST.matcher(name);
    if (!matcher.matches()) {
      throw InvalidArgumentException.of("privacy_request", "must be a name like privacyRequests/{privacy_request}");
    }
    return matcher.group(1);
  }
}
