package cx.profile.api;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.ListValue;
import com.google.protobuf.Message;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.google.protobuf.util.JsonFormat;
import com.google.protobuf.util.Timestamps;
import cx.feedback.v1.Survey;
import cx.profile.domain.PlatformService;
import cx.profile.domain.PrivacyRequests;
import cx.profile.v1.CustomerDataExport;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The export document: one JSON object describing the request, with each service's records as
 * its own proto3 JSON section. Each section is stored as the pages the service sent; concatenating
 * pages merges their repeated fields, which is how the contracts define a paged export.
 */
final class ExportDocumentJson {

  private static final JsonFormat.Printer PRINTER = JsonFormat.printer();
  private static final JsonFormat.Parser PARSER = JsonFormat.parser();

  private ExportDocumentJson() {
  }

  static Struct of(PrivacyRequests.ExportDocument document) {
    CustomerDataExport.Builder profile = CustomerDataExport.newBuilder();
    cx.feedback.v1.ExportCustomerDataResponse.Builder feedback = cx.feedback.v1.ExportCustomerDataResponse.newBuilder();
    cx.returns.v1.ExportCustomerDataResponse.Builder returns = cx.returns.v1.ExportCustomerDataResponse.newBuilder();
    try {
      for (byte[] page : document.sections().get(PlatformService.PROFILE)) {
        profile.mergeFrom(page);
      }
      for (byte[] page : document.sections().get(PlatformService.FEEDBACK)) {
        feedback.mergeFrom(page);
      }
      for (byte[] page : document.sections().get(PlatformService.RETURNS)) {
        returns.mergeFrom(page);
      }
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("a stored export page could not be read", e);
    }
    // Each page names the surveys its responses answered; the document names each once.
    Map<String, Survey> surveys = new LinkedHashMap<>();
    feedback.getSurveysList().forEach(s -> surveys.putIfAbsent(s.getName(), s));
    feedback.clearSurveys().addAllSurveys(surveys.values());

    ListValue.Builder ids = ListValue.newBuilder();
    document.request().customerIds().forEach(id -> ids.addValues(Value.newBuilder().setStringValue(id)));
    return Struct.newBuilder()
        .putFields("privacy_request", text(document.request().name()))
        .putFields("customer", text("customers/" + document.request().customerId()))
        .putFields("customer_ids", Value.newBuilder().setListValue(ids).build())
        .putFields("generate_time", text(Timestamps.toString(ProtoValues.timestamp(document.generateTime()))))
        .putFields("profile", section(profile))
        .putFields("feedback", section(feedback))
        .putFields("returns", section(returns))
        .build();
  }

  private static Value text(String value) {
    return Value.newBuilder().setStringValue(value).build();
  }

  private static Value section(Message.Builder records) {
    try {
      Struct.Builder json = Struct.newBuilder();
      PARSER.merge(PRINTER.print(records), json);
      return Value.newBuilder().setStructValue(json).build();
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("an export section could not be turned into JSON", e);
    }
  }
}
