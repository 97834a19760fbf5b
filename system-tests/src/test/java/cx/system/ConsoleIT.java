package cx.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The agent console in a real headless Chromium against the running platform with its demo
 * data: an agent signs in, finds Ada Lovelace by phone, reads her card and timeline, scrolls for
 * older events, sees a new one arrive live, resolves her complaint, approves her return, and
 * sees a warning while returns-service is stopped. One platform and one browser serve every
 * test; each test fails on any error in the browser console and leaves a screenshot in
 * {@code target/console/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleIT {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final String ADA_PHONE = "+44 20 7946 0018";

  private LocalPlatform platform;
  private ConsoleBrowser browser;
  private String ada;
  private String token;
  private long started;

  @BeforeAll
  void startThePlatformAndABrowser() throws Exception {
    Path state = Files.createTempDirectory("cx-console-it");
    // The console polls and searches as the agent types: give it the production rate limit.
    platform = new LocalPlatform(state, Map.of("CX_RATE_LIMIT_PER_SECOND", "50", "CX_RATE_LIMIT_BURST", "100",
        "CX_START_TIMEOUT", "150"));
    LocalPlatform.Outcome up = platform.cx("up");
    if (up.exitCode() != 0) {
      for (String process : new String[] {"profile", "feedback", "returns", "gateway"}) {
        System.err.println("---- " + process + " log ----\n" + platform.log(process));
      }
    }
    assertThat(up.exitCode()).as(up.output()).isZero();
    // Loads what bin/cx up may have given up on when a first call was slow; otherwise a no-op.
    ada = platform.demoData();
    assertThat(ada).matches("customers/[a-z0-9]+");
    token = agentToken();
    browser = new ConsoleBrowser();
    started = System.nanoTime();
  }

  @AfterAll
  void stopEverything() throws Exception {
    if (started != 0) {
      System.out.printf("console browser tests took %d ms (after the platform was up)%n",
          (System.nanoTime() - started) / 1_000_000);
    }
    if (browser != null) {
      browser.close();
    }
    if (platform != null) {
      platform.cx("down");
    }
  }

  @AfterEach
  void noErrorInTheBrowserConsole(TestInfo test) throws IOException {
    browser.screenshot(test.getTestMethod().orElseThrow().getName());
    assertThat(browser.consoleErrors()).as("errors in the browser console").isEmpty();
  }

  @Test
  @Order(1)
  void theSiteRootOpensTheConsoleWhichShowsNoDataBeforeSignIn() {
    browser.open(platform.gateway() + "/");

    assertThat(browser.driver().getCurrentUrl()).startsWith(platform.gateway() + "/console/");
    browser.visible("#sign-in-view");
    assertThat(browser.find("#search").isDisplayed()).isFalse();
    assertThat(browser.find("#customer-view").isDisplayed()).isFalse();
    assertThat((Long) browser.script("return performance.getEntriesByType('resource')"
        + ".filter(e => e.name.includes('/v1/')).length")).as("API calls before sign-in").isZero();
  }

  @Test
  @Order(2)
  void anAgentSignsInWithATokenAndFindsACustomerByPhoneWithTheKeyboard() throws Exception {
    signIn();

    WebElement search = browser.visible("#search-input");
    search.sendKeys(ADA_PHONE);
    WebElement option = browser.visible("#search-results [role=option]");
    assertThat(option.getText()).contains("Ada Lovelace").contains("matched by phone");
    browser.screenshot("search-by-phone");
    search.sendKeys(Keys.ENTER);

    assertThat(browser.visible("#customer-name").getText()).isEqualTo("Ada Lovelace");
    assertThat(browser.driver().getCurrentUrl()).endsWith("#/" + ada);
  }

  @Test
  @Order(3)
  void theCardShowsIdentitiesConsentsScoresOpenCasesReturnsAndValue() throws Exception {
    openAda();

    browser.visible("#card .card-header");
    String card = browser.find("#card").getText();
    assertThat(card).contains("+442079460018").contains("ada.lovelace@example.com").contains("LOY-100234")
        .contains("@ada.codes");
    assertThat(card).contains("Denied").contains("Marketing by Email").contains("Granted");
    assertThat(browser.all("#card .score .sparkline polyline")).as("NPS and CSAT trend charts").hasSize(2);
    assertThat(browser.find("#card-open-complaints-section").getText()).contains("Delivery complaint").contains("SLA");
    assertThat(browser.find("#card-open-follow-ups-section").getText()).contains("waiting");
    assertThat(browser.find("#card-returns-in-progress-section .steps [aria-current=step]").getText()).isEqualTo("Requested");
    assertThat(browser.find("#order-count").getText()).isEqualTo("2");
    assertThat(browser.find("#lifetime-value").getText()).contains("£");
    browser.screenshot("customer");
  }

  @Test
  @Order(4)
  void theTimelineHasEventsOfAllThreeServicesAndLoadsOlderOnesOnScroll() {
    openAda();
    browser.await(15, "a first page of events", d -> browser.all("#timeline-list li.event").size() >= 25);
    for (String source : List.of("PROFILE", "FEEDBACK", "RETURNS")) {
      assertThat(browser.all("#timeline-list li.event[data-source=" + source + "]")).as(source).isNotEmpty();
    }
    WebElement first = browser.find("#timeline-list li.event time");
    assertThat(first.getAttribute("title")).as("exact time on hover").matches(".*\\d{4}.*\\d{2}:\\d{2}.*");
    int before = browser.all("#timeline-list li.event").size();

    browser.script("document.getElementById('timeline-end').scrollIntoView()");

    browser.await(15, "older events after scrolling", d -> browser.all("#timeline-list li.event").size() > before);
    browser.await(15, "the start of the history", d -> browser.find("#timeline-status").getText().contains("start of the history"));
    assertThat(browser.all("#timeline-list li.event[data-kind='profile.created']")).hasSize(1);
  }

  @Test
  @Order(5)
  void theTimelineFiltersBySourceAndByChannel() {
    openAda();
    browser.await(15, "the timeline", d -> !browser.all("#timeline-list li.event").isEmpty());

    for (String source : List.of("PROFILE", "FEEDBACK")) {
      browser.find("#timeline-filters input[value=" + source + "]").click();
    }
    browser.await(15, "only returns events", d -> !browser.all("#timeline-list li.event").isEmpty()
        && browser.all("#timeline-list li.event").stream().allMatch(li -> "RETURNS".equals(li.getAttribute("data-source"))));

    for (String source : List.of("PROFILE", "FEEDBACK")) {
      browser.find("#timeline-filters input[value=" + source + "]").click();
    }
    new org.openqa.selenium.support.ui.Select(browser.find("#filter-channel")).selectByVisibleText("Chat");
    browser.await(15, "only chat events", d -> !browser.all("#timeline-list li.event").isEmpty()
        && browser.all("#timeline-list li.event svg[aria-label]").stream().allMatch(icon -> "Chat".equals(icon.getAttribute("aria-label"))));
    assertThat(browser.all("#timeline-list li.event[data-source=PROFILE]")).as("chats from profile").isNotEmpty();
    assertThat(browser.all("#timeline-list li.event[data-source=FEEDBACK]")).as("CSAT answers given in chat").isNotEmpty();
  }

  @Test
  @Order(6)
  void aNewEventAppearsLiveWithoutReloadingThePage() throws Exception {
    openAda();
    browser.await(15, "the timeline", d -> !browser.all("#timeline-list li.event").isEmpty());
    browser.await(15, "the live stream to open", d -> "stream".equals(browser.find("#timeline-live").getAttribute("data-mode")));
    browser.script("window.__notReloaded = true");
    String summary = "Asked about gift wrapping " + UUID.randomUUID().toString().substring(0, 8);

    HttpResponse<String> recorded = api("POST", "/v1/" + ada + "/interactions", "{\"externalId\": \"console-it:"
        + UUID.randomUUID() + "\", \"channel\": \"CHANNEL_CHAT\", \"type\": \"INTERACTION_TYPE_CHAT\","
        + " \"direction\": \"INTERACTION_DIRECTION_INBOUND\", \"summary\": \"" + summary + "\", \"occurTime\": \""
        + Instant.now() + "\"}");
    assertThat(recorded.statusCode()).as(recorded.body()).isEqualTo(200);

    WebElement row = browser.await(15, "the new event in the timeline", d -> browser.all("#timeline-list li.event").stream()
        .filter(li -> li.getText().contains(summary)).findFirst().orElse(null));
    assertThat(row.findElement(org.openqa.selenium.By.cssSelector("time")).getText()).isEqualTo("just now");
    assertThat(browser.all("#timeline-list li.event").get(0).getText()).contains(summary);
    assertThat(browser.script("return window.__notReloaded === true")).isEqualTo(true);
  }

  @Test
  @Order(7)
  void anAgentTakesTheComplaintThroughToResolved() throws Exception {
    openAda();
    String complaint = browser.visible("#card li.complaint").getAttribute("data-name");

    clickInCard("li.complaint", "Acknowledge");
    expectSuccess("Complaint acknowledged.");
    clickInCard("li.complaint[data-state=COMPLAINT_STATE_ACKNOWLEDGED]", "Start work");
    expectSuccess("Work on the complaint started.");
    clickInCard("li.complaint[data-state=COMPLAINT_STATE_IN_PROGRESS]", "Resolve…");
    WebElement note = browser.visible("#dialog textarea[name=note]");
    assertThat(browser.script("return document.activeElement === arguments[0]", note)).as("focus in the dialog").isEqualTo(true);
    browser.screenshot("resolve-dialog");
    note.sendKeys("Replacement kettle sent by express courier; it arrives on Friday.");
    browser.find("#dialog button[type=submit]").click();
    expectSuccess("Complaint resolved.");

    browser.await(15, "the complaint to leave the open list", d -> browser.all("#card li.complaint").isEmpty());
    JsonObject stored = JsonParser.parseString(api("GET", "/v1/" + complaint, null).body()).getAsJsonObject();
    assertThat(stored.getAsJsonObject("complaint").get("state").getAsString()).isEqualTo("COMPLAINT_STATE_RESOLVED");
  }

  @Test
  @Order(8)
  void anAgentApprovesAReturnAndItsStatusBarMovesOn() throws Exception {
    openAda();
    String productReturn = browser.visible("#card li.return[data-state=RETURN_STATE_REQUESTED]").getAttribute("data-name");

    clickInCard("li.return[data-state=RETURN_STATE_REQUESTED]", "Approve…");
    browser.visible("#dialog textarea[name=message]");
    browser.find("#dialog button[type=submit]").click();
    expectSuccess("Return approved.");

    browser.await(15, "the status bar at Approved", d -> browser.all("#card li.return .steps [aria-current=step]").stream()
        .anyMatch(step -> step.getText().equals("Approved")));
    JsonObject stored = JsonParser.parseString(api("GET", "/v1/" + productReturn, null).body()).getAsJsonObject();
    assertThat(stored.getAsJsonObject("productReturn").get("state").getAsString()).isEqualTo("RETURN_STATE_APPROVED");
  }

  @Test
  @Order(9)
  void anAgentRecordsACallNoteAndOpensItFromTheTimeline() {
    openAda();
    String summary = "Called about the replacement " + UUID.randomUUID().toString().substring(0, 8);

    clickInCard(".card-actions", "Record call note");
    browser.visible("#dialog textarea[name=summary]").sendKeys(summary);
    browser.find("#dialog input[name=minutes]").sendKeys("4");
    browser.find("#dialog button[type=submit]").click();
    expectSuccess("Call note recorded.");

    WebElement link = browser.await(15, "the note in the timeline", d -> browser.all("#timeline-list li.event a").stream()
        .filter(a -> a.getText().equals(summary)).findFirst().orElse(null));
    link.click();
    WebElement drawer = browser.visible("#detail");
    browser.await(15, "the touchpoint's details", d -> drawer.getText().contains("Touchpoint") && drawer.getText().contains(summary));
    assertThat(drawer.getText()).contains("Call centre").contains("Inbound");
    new Actions(browser.driver()).sendKeys(Keys.ESCAPE).perform();
    browser.await(5, "the drawer to close", d -> !browser.find("#detail").isDisplayed());
  }

  @Test
  @Order(10)
  void anAgentMergesADuplicateProfileOnlyAfterConfirming() throws Exception {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    String survivor = createCustomer("Dora Duplicate", "dora." + tag + "@example.com");
    String duplicate = createCustomer("Dora D.", "dora.d." + tag + "@example.org");
    openCustomer(survivor);

    clickInCard(".card-actions", "Merge duplicate…");
    browser.visible("#dialog input[name=find]").sendKeys("dora.d." + tag + "@example.org");
    browser.await(15, "the duplicate in the results", d -> browser.all("#dialog .merge-pick").stream()
        .filter(b -> b.getText().contains("Dora D.")).findFirst().orElse(null)).click();
    browser.await(15, "the merge preview", d -> browser.find("#dialog .merge-preview").getText().contains("will be merged into"));
    browser.find("#dialog textarea[name=reason]").sendKeys("Same person: she confirmed both addresses on the phone.");
    browser.find("#dialog button[type=submit]").click();
    assertThat(browser.visible("#dialog .form-error").getText()).contains("confirmation is required");
    browser.screenshot("merge-dialog");
    browser.find("#dialog input[name=confirm]").click();
    browser.find("#dialog button[type=submit]").click();
    expectSuccess("Profiles merged");

    browser.await(15, "the merged profile on the card", d -> browser.find("#card").getText().contains("1 merged profile"));
    JsonObject merged = JsonParser.parseString(api("GET", "/v1/" + duplicate, null).body()).getAsJsonObject();
    assertThat(merged.getAsJsonObject("customer").get("name").getAsString()).isEqualTo(survivor);
  }

  @Test
  @Order(11)
  void aStoppedServiceShowsAWarningNotAnEmptyListAndItClearsWhenTheServiceIsBack() throws Exception {
    openAda();
    browser.await(15, "the timeline", d -> !browser.all("#timeline-list li.event").isEmpty());
    try {
      assertThat(platform.cx("stop", "returns").exitCode()).isZero();

      WebElement warning = browser.visible("#timeline-warning");
      assertThat(warning.getText()).contains("Returns is not answering").contains("orders and returns may be missing");
      browser.await(15, "the card's warning", d -> browser.find("#card").getText().contains("Returns is not answering"));
      assertThat(browser.all("#timeline-list li.event")).as("the other services' events stay").isNotEmpty();
      browser.screenshot("returns-stopped");
    } finally {
      LocalPlatform.Outcome restarted = platform.cx("restart", "returns");
      assertThat(restarted.exitCode()).as(restarted.output()).isZero();
    }
    browser.await(30, "the warning to clear", d -> !browser.find("#timeline-warning").isDisplayed());
  }

  @Test
  @Order(12)
  void onAPhoneSizedScreenTheCardAndTimelineStackWithoutSidewaysScrolling() throws Exception {
    try {
      browser.resize(ConsoleBrowser.PHONE);
      openAda();
      browser.await(15, "the timeline", d -> !browser.all("#timeline-list li.event").isEmpty());

      assertThat((Long) browser.script("return document.documentElement.scrollWidth - window.innerWidth"))
          .as("sideways overflow in px").isLessThanOrEqualTo(0L);
      long cardBottom = (Long) browser.script("return Math.round(document.getElementById('card').getBoundingClientRect().bottom)");
      long timelineTop = (Long) browser.script("return Math.round(document.getElementById('timeline').getBoundingClientRect().top)");
      assertThat(timelineTop).as("the timeline below the card").isGreaterThanOrEqualTo(cardBottom);
      browser.screenshot("phone");
    } finally {
      browser.resize(ConsoleBrowser.DESKTOP);
    }
  }

  @Test
  @Order(13)
  void aTokenTheGatewayRefusesLeadsBackToSignIn() {
    browser.script("sessionStorage.setItem('cx.console.token', 'not-a-valid-token')");
    browser.open("about:blank");
    browser.open(platform.gateway() + "/console/#/" + ada);

    browser.visible("#sign-in-view");
    assertThat(browser.find("#sign-in-error").getText()).contains("did not accept your token");
    // The browser itself logs the refused call as a failed request; that one error is expected.
    assertThat(browser.consoleErrors()).allMatch(error -> error.contains("status of 401"));
  }

  private void signIn() {
    browser.open(platform.gateway() + "/console/");
    WebElement input = browser.visible("#token-input");
    input.sendKeys(token);
    browser.find("#sign-in-form button[type=submit]").click();
    browser.visible("#home-view");
  }

  private void openAda() {
    openCustomer(ada);
  }

  private void openCustomer(String name) {
    if (!browser.driver().getCurrentUrl().startsWith(platform.gateway())
        || !Boolean.TRUE.equals(browser.script("return Boolean(sessionStorage.getItem('cx.console.token'))"))) {
      signIn();
    }
    // A fresh page load each time: going to the same address with only a fragment would not reload.
    browser.open("about:blank");
    browser.open(platform.gateway() + "/console/#/" + name);
    browser.visible("#customer-name");
  }

  private String createCustomer(String displayName, String email) throws Exception {
    HttpResponse<String> created = api("POST", "/v1/customers?requestId=" + UUID.randomUUID(), "{\"displayName\": \""
        + displayName + "\", \"identities\": [{\"type\": \"IDENTITY_TYPE_EMAIL\", \"value\": \"" + email + "\"}]}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
    return JsonParser.parseString(created.body()).getAsJsonObject().getAsJsonObject("customer").get("name").getAsString();
  }

  /** Clicks a button of the card; the card redraws itself when events arrive, so a stale find is retried. */
  private void clickInCard(String item, String button) {
    browser.await(15, button + " in " + item, d -> {
      try {
        WebElement found = browser.all("#card " + item + " button").stream()
            .filter(b -> b.getText().equals(button) && b.isEnabled()).findFirst().orElse(null);
        if (found == null) {
          return false;
        }
        found.click();
        return true;
      } catch (StaleElementReferenceException redrawn) {
        return false;
      }
    });
  }

  private void expectSuccess(String message) {
    browser.await(15, "the message " + message, d -> browser.all(".notice.success").stream()
        .anyMatch(n -> n.getText().contains(message)));
  }

  private String agentToken() throws Exception {
    LocalPlatform.Outcome issued = platform.cx("token", "--role", "agent");
    assertThat(issued.exitCode()).as(issued.output()).isZero();
    List<String> lines = issued.output().lines().filter(line -> !line.isBlank()).toList();
    return lines.get(lines.size() - 1).strip();
  }

  private HttpResponse<String> api(String method, String path, String body) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(platform.gateway() + path))
        .timeout(Duration.ofSeconds(10))
        .header("authorization", "Bearer " + token);
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("content-type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
