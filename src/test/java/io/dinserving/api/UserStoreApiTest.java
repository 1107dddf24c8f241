package io.dinserving.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.dinserving.users.UserStore;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** Events into the user store, and rankings for a user named by id alone, against the default model. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"din.batching.request-timeout=60s", "din.users.max-behaviours=100"})
class UserStoreApiTest extends ApiTestSupport {

    @Autowired
    UserStore store;

    Reply events(Object batch) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/events"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(batch)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return new Reply(
                response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(""),
                JSON.readTree(response.body()),
                response.headers().map());
    }

    static Map<String, Object> event(String user, String id, String item, long time) {
        Map<String, Object> event = new HashMap<>();
        event.put("eventId", id);
        event.put("userId", user);
        event.put("itemId", item);
        event.put("timestamp", time);
        event.put("type", "click");
        return event;
    }

    List<String> knownItems() {
        return bundle().manifest().features().vocabularies().get("itemId").tokens();
    }

    /** The same ranking, to the last digit, as the request with the history sent by hand. */
    @Test
    void aUserIdAloneScoresExactlyAsTheHistorySentByHand() throws Exception {
        // More behaviours than the model keeps (50), so only the right order keeps the right ones.
        Map<String, Object> byHand = randomRequest(new Random(7), 70, 40);
        @SuppressWarnings("unchecked")
        List<String> history = (List<String>) byHand.get("behaviors");
        List<Object> batch = new ArrayList<>();
        // Sent newest first, in two batches: the store puts them back in time order.
        for (int i = history.size() - 1; i >= 0; i--) {
            batch.add(event("same-as-hand", "e" + i, history.get(i), 1_000L + i));
        }
        assertThat(events(Map.of("events", batch.subList(0, 10))).status()).isEqualTo(200);
        Reply written = events(Map.of("events", batch.subList(10, batch.size())));
        assertThat(written.status()).isEqualTo(200);
        assertThat(written.body().get("accepted").asInt()).isEqualTo(60);

        Reply sent = post(byHand);
        Reply stored = post(Map.of("userId", "same-as-hand", "candidates", byHand.get("candidates")));

        assertThat(stored.status()).isEqualTo(200);
        assertThat(stored.body().get("history").get("source").asString()).isEqualTo("store");
        assertThat(stored.body().get("history").get("behaviours").asInt()).isEqualTo(70);
        assertThat(sent.body().get("history").get("source").asString()).isEqualTo("request");
        assertThat(stored.body().get("items")).isEqualTo(sent.body().get("items"));
        assertMatchesDirectScores(byHand, stored.body());
    }

    @Test
    void aResentBatchChangesNothing() throws Exception {
        List<Object> batch = List.of(
                event("resent", "r1", knownItems().get(1), 10),
                event("resent", "r2", knownItems().get(2), 20));
        events(Map.of("events", batch));

        Reply again = events(Map.of("events", batch));

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().get("accepted").asInt()).isZero();
        assertThat(again.body().get("duplicates").asInt()).isEqualTo(2);
        assertThat(store.find("resent").orElseThrow().behaviours()).hasSize(2);
    }

    @Test
    void aNewEventIsNeverAnsweredFromAStaleCacheEntry() throws Exception {
        List<String> items = knownItems();
        events(Map.of("events", List.of(event("fresh", "f1", items.get(3), 10))));
        Map<String, Object> request = Map.of("userId", "fresh", "candidates", items.subList(10, 30));
        Reply first = post(request);
        Reply cached = post(request);
        assertThat(cached.headers().get("X-Cache")).containsExactly("hit");

        events(Map.of("events", List.of(event("fresh", "f2", items.get(4), 20))));
        Reply after = post(request);

        assertThat(after.headers().get("X-Cache")).containsExactly("miss");
        assertThat(after.body().get("history").get("behaviours").asInt()).isEqualTo(2);
        Map<String, Object> byHand = new HashMap<>(request);
        byHand.put("behaviors", List.of(items.get(3), items.get(4)));
        assertMatchesDirectScores(byHand, after.body());
        assertThat(after.body().get("items")).isNotEqualTo(first.body().get("items"));
    }

    @Test
    void aUserTheStoreDoesNotKnowIsScoredWithAnEmptyHistoryAndAWarning() throws Exception {
        List<String> candidates = knownItems().subList(5, 15);

        Reply reply = post(Map.of("userId", "nobody", "candidates", candidates));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().get("history").get("source").asString()).isEqualTo("none");
        assertThat(reply.body().get("warnings").get(0).get("field").asString()).isEqualTo("userId");
        assertThat(reply.body().get("warnings").get(0).get("message").asString())
                .contains("does not know this user");
        assertMatchesDirectScores(Map.of("behaviors", List.of(), "candidates", candidates), reply.body());
    }

    @Test
    void mergePlacesSentBehavioursAmongTheStoredOnesByTimeEachOnce() throws Exception {
        List<String> items = knownItems();
        events(Map.of(
                "events", List.of(event("merging", "m1", items.get(1), 10), event("merging", "m3", items.get(3), 30))));
        List<String> candidates = items.subList(40, 60);
        Map<String, Object> request = new HashMap<>();
        request.put("userId", "merging");
        request.put("history", "merge");
        request.put("candidates", candidates);
        request.put(
                "behaviors",
                List.of(
                        Map.of("itemId", items.get(2), "timestamp", 20),
                        Map.of("itemId", items.get(3), "eventId", "m3"), // already stored
                        items.get(4))); // no time: the newest

        Reply reply = post(request);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().get("history").get("source").asString()).isEqualTo("merge");
        assertThat(reply.body().get("history").get("behaviours").asInt()).isEqualTo(4);
        assertMatchesDirectScores(
                Map.of(
                        "behaviors",
                        List.of(items.get(1), items.get(2), items.get(3), items.get(4)),
                        "candidates",
                        candidates),
                reply.body());
    }

    @Test
    void anInvalidBatchIsRefusedWholeNamingTheField() throws Exception {
        List<String> items = knownItems();
        Map<String, Object> late = event("half", "h2", items.get(2), 20);
        late.remove("timestamp");

        Reply refused = events(Map.of("events", List.of(event("half", "h1", items.get(1), 10), late)));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.body().get("field").asString()).isEqualTo("events[1].timestamp");
        assertThat(store.find("half")).isEmpty();

        Map<String, Object> misspelt = event("half", "h3", items.get(3), 30);
        misspelt.put("attributes", Map.of("categroy", "c1"));
        Reply unknown = events(Map.of("events", List.of(misspelt)));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body().get("field").asString()).isEqualTo("events[0].attributes.categroy");
        assertThat(unknown.body().get("detail").asString()).contains("did you mean 'category'?");
        Reply typo = events(Map.of("evnets", List.of()));
        assertThat(typo.body().get("field").asString()).isEqualTo("evnets");
        assertThat(store.find("half")).isEmpty();
    }

    @Test
    void eventOutcomesAndTheStoreAreMetered() throws Exception {
        List<String> items = knownItems();
        events(Map.of("events", List.of(event("metered", "x1", items.get(1), 10))));
        events(Map.of("events", List.of(event("metered", "x1", items.get(1), 10))));

        String scrape = get("/actuator/prometheus").body();

        assertThat(scrape).containsPattern("din_events_total\\{outcome=\"accepted\"\\} [1-9]");
        assertThat(scrape).containsPattern("din_events_total\\{outcome=\"duplicate\"\\} [1-9]");
        assertThat(scrape).containsPattern("din_users_stored [1-9]");
        assertThat(scrape).containsPattern("din_users_store_size_bytes [1-9]");
        assertThat(scrape).contains("din_events_lag_seconds_count");
    }

    @Test
    void storeModeNeedsAUserId() throws Exception {
        Reply reply = post(Map.of("history", "store", "candidates", knownItems().subList(0, 3)));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().get("field").asString()).isEqualTo("userId");
        Reply unknownMode =
                post(Map.of("history", "stored", "candidates", knownItems().subList(0, 3)));
        assertThat(unknownMode.body().get("field").asString()).isEqualTo("history");
        assertThat(unknownMode.body().get("detail").asString()).contains("[request, store, merge]");
    }
}
