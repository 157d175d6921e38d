package dev.baton.contact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.account.Account;
import dev.baton.account.AccountService;
import dev.baton.handoff.HandoffCompleted;
import dev.baton.support.BatonIntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/** {@code GET/PUT /api/accounts/{id}/contacts} (docs/lifecycle.md#contacts): the list, its validation, who may see it. */
@BatonIntegrationTest
class ContactsApiTest {

  static final String API_CLIENT = "integration-demo:demo";
  static final String CONTACTS = """
      [{"name": "Dana Decider", "email": "dana@customer.test", "title": "COO", "persona": "decision-maker", "influence": "high"},
       {"name": "Chris Champion", "email": "chris@customer.test", "persona": "champion"},
       {"name": "Bill Payer", "email": "bill@customer.test", "persona": "billing", "influence": "low"}]""";

  @LocalServerPort int port;
  @Autowired AccountService accountService;
  @Autowired AccountContacts contacts;
  @Autowired ApplicationEventPublisher events;
  @Autowired TransactionTemplate transaction;
  final HttpClient http = HttpClient.newHttpClient();
  String account;

  @BeforeEach
  void account() {
    account = "contacts-" + UUID.randomUUID().toString().substring(0, 8);
    accountService.save(new Account(account, "Acme " + account, "enterprise", null, null, Map.of("csm", "csm-demo")));
  }

  @Test
  void putReplacesTheWholeListAndGetReadsItInTheSameOrder() throws Exception {
    HttpResponse<String> put = put(account, CONTACTS, API_CLIENT);

    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    assertThat(contacts.of(account)).extracting(Contact::email)
        .containsExactly("dana@customer.test", "chris@customer.test", "bill@customer.test");
    assertThat(contacts.first(account, "decision-maker")).hasValueSatisfying(c -> assertThat(c.name()).isEqualTo("Dana Decider"));
    HttpResponse<String> read = get(account, API_CLIENT);
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(read.body()).contains("\"persona\":\"decision-maker\"", "\"influence\":\"high\"", "\"title\":\"COO\"");

    assertThat(put(account, """
        [{"name": "Una User", "email": "una@customer.test", "persona": "user"}]""", API_CLIENT).statusCode()).isEqualTo(200);
    assertThat(contacts.of(account)).extracting(Contact::email).containsExactly("una@customer.test");
    assertThat(put(account, "[]", API_CLIENT).statusCode()).isEqualTo(200);
    assertThat(contacts.of(account)).isEmpty();
  }

  @Test
  void badContactsAreRefusedWithAProblemNamingEachFieldAndNothingChanges() throws Exception {
    put(account, CONTACTS, API_CLIENT);

    HttpResponse<String> refused = put(account, """
        [{"name": "Dana Decider", "email": "dana@customer.test", "persona": "decison-maker"},
         {"name": "", "email": "not-an-address", "persona": "user", "influence": "huge"},
         {"name": "Dana Again", "email": "DANA@customer.test", "persona": "champion"}]""", API_CLIENT);

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
        assertThat(type).startsWith("application/problem+json"));
    assertThat(refused.body()).contains("[0].persona: 'decison-maker' is not a persona", "[1].name: required",
        "[1].email: is not an e-mail address", "[1].influence: must be one of high, medium, low",
        "[2].email: is also the e-mail of [0]");
    assertThat(contacts.of(account)).hasSize(3);

    HttpResponse<String> notAList = put(account, "{\"name\": \"Dana\"}", API_CLIENT);
    assertThat(notAList.statusCode()).isEqualTo(400);
    assertThat(notAList.body()).contains("body: send the account's whole contact list as a JSON array");
  }

  @Test
  void theAccountsTeamAndApiClientsMayReadOtherStaffMayNot() throws Exception {
    put(account, CONTACTS, API_CLIENT);

    assertThat(get(account, "csm-demo:demo").statusCode()).isEqualTo(200);
    assertThat(put(account, CONTACTS, "csm-demo:demo").statusCode()).isEqualTo(200);
    HttpResponse<String> other = get(account, "support-demo:demo");
    assertThat(other.statusCode()).isEqualTo(403);
    assertThat(other.body()).contains("not in the team of account");
    assertThat(put(account, "[]", "support-demo:demo").statusCode()).isEqualTo(403);
    assertThat(contacts.of(account)).hasSize(3);
    assertThat(get(account, null).statusCode()).isEqualTo(401);
    assertThat(get("no-such-account-" + UUID.randomUUID(), API_CLIENT).statusCode()).isEqualTo(404);
  }

  @Test
  void theHandoffFillsAnEmptyListFromTheCrmContactsWithPersonasFromTheirRoles() {
    String crm = """
        [{"name": "Dana Decider", "email": "dana@customer.test", "role": "Economic Buyer"},
         {"name": "Chris Champion", "email": "chris@customer.test", "role": "Champion"},
         {"name": "Olga Ops", "email": "olga@customer.test", "role": "Head of Operations"},
         {"name": "No Mail", "role": "Champion"}]""";

    transaction.executeWithoutResult(status ->
        events.publishEvent(HandoffCompleted.of(account, "handoff", Map.of("contacts", crm))));

    assertThat(contacts.of(account)).containsExactly(
        new Contact("Dana Decider", "dana@customer.test", null, "decision-maker", null),
        new Contact("Chris Champion", "chris@customer.test", null, "champion", null),
        new Contact("Olga Ops", "olga@customer.test", "Head of Operations", "user", null));

    // A list someone keeps is not overwritten by a later handoff.
    contacts.replace(account, List.of(new Contact("Una User", "una@customer.test", null, "user", null)));
    transaction.executeWithoutResult(status ->
        events.publishEvent(HandoffCompleted.of(account, "handoff-2", Map.of("contacts", crm))));
    assertThat(contacts.of(account)).extracting(Contact::email).containsExactly("una@customer.test");
  }

  private HttpResponse<String> get(String accountId, String credentials) throws Exception {
    return http.send(request(accountId, credentials).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> put(String accountId, String body, String credentials) throws Exception {
    return http.send(request(accountId, credentials).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder request(String accountId, String credentials) {
    HttpRequest.Builder request = HttpRequest.newBuilder(
        URI.create("http://localhost:" + port + "/api/accounts/" + accountId + "/contacts"));
    if (credentials != null) {
      request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }
    return request;
  }
}
