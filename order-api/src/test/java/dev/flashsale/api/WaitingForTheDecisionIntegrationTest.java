package dev.flashsale.api;

import static dev.flashsale.api.TestEvents.orderAccepted;
import static dev.flashsale.api.TestEvents.uniqueId;
import static dev.flashsale.api.TestTokens.bearer;
import static dev.flashsale.api.TestTokens.buyer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;

import com.jayway.jsonpath.JsonPath;
import dev.flashsale.events.Topics;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockAsyncContext;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * A buyer waiting for the decision on the whole API, a real broker and PostgreSQL: a GET with {@code ?wait=} and a
 * submission with {@code Prefer: wait}, answered as soon as the decision is projected or when the wait is over.
 */
@WholeOrderApiTest
class WaitingForTheDecisionIntegrationTest extends OrderApiIntegrationSupport {

    @Test
    void longPollAnswersAsSoonAsTheOrderIsDecided() throws Exception {
        String productId = createProduct("Phone", 99_000, 10);
        String customerId = uniqueId("c");
        String orderId = orderId(placeOrder(customerId, productId, 1, null));

        // Far longer than the test takes: answered PENDING would mean the decision was missed.
        CompletableFuture<MvcTestResult> poll = CompletableFuture.supplyAsync(() -> mvc.get()
                .uri("/api/orders/{id}?wait=30s", orderId).header(HttpHeaders.AUTHORIZATION, bearer(buyer(customerId)))
                .exchange());
        send(Topics.ORDER_LIFECYCLE, orderId, orderAccepted(orderId, customerId));

        assertThat(poll.get(PROJECTION_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).hasStatusOk().bodyJson()
                .extractingPath("$.status").isEqualTo("ACCEPTED");
    }

    @Test
    void submissionThatPrefersToWaitIsAnsweredWithTheDecidedOrder() throws Exception {
        String productId = createProduct("Phone", 99_000, 10);
        String customerId = uniqueId("c");
        // The submission waits on its own request thread: it is sent from another one.
        CompletableFuture<MvcTestResult> waiting = CompletableFuture.supplyAsync(() -> mvc.post().uri("/api/orders")
                .header(HttpHeaders.AUTHORIZATION, bearer(buyer(customerId)))
                .header("Prefer", "respond-async, wait=30").contentType(MediaType.APPLICATION_JSON)
                .content("{\"items\": [{\"productId\": \"%s\", \"quantity\": 1}]}".formatted(productId))
                .exchange());
        String orderId = await().atMost(PROJECTION_TIMEOUT).until(
                () -> jdbc.sql("SELECT order_id FROM orders WHERE customer_id = ?").param(customerId)
                        .query(String.class).optional(), Optional::isPresent).orElseThrow();

        send(Topics.ORDER_LIFECYCLE, orderId, orderAccepted(orderId, customerId));

        MvcTestResult answered = waiting.get(PROJECTION_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(answered).hasStatus(HttpStatus.CREATED)
                .hasHeader(HttpHeaders.LOCATION, "http://localhost/api/orders/" + orderId)
                .hasHeader("Preference-Applied", "wait=30");
        assertThat(answered).bodyJson().extractingPath("$.status").isEqualTo("ACCEPTED");
        assertThat(answered).bodyJson().extractingPath("$.orderId").isEqualTo(orderId);
        assertThat(answered.getMvcResult().getRequest().isAsyncStarted()).isFalse();
        assertThat(recordsWithKey(Topics.ORDER_REQUESTS, productId)).singleElement()
                .satisfies(record -> assertThat(record.value().orderId().value()).isEqualTo(orderId));
    }

    @Test
    void submissionThatPrefersToWaitIsAnsweredReceivedWhenNothingIsDecidedInTime() {
        String productId = createProduct("Phone", 99_000, 10);
        String customerId = uniqueId("c");
        long start = System.nanoTime();

        MvcTestResult answered = mvc.post().uri("/api/orders")
                .header(HttpHeaders.AUTHORIZATION, bearer(buyer(customerId))).header("Prefer", "wait=1").contentType(MediaType.APPLICATION_JSON)
                .content("{\"items\": [{\"productId\": \"%s\", \"quantity\": 1}]}".formatted(productId))
                .exchange();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(answered).hasStatus(HttpStatus.ACCEPTED).hasHeader("Preference-Applied", "wait=1");
        assertThat(answered).bodyJson().extractingPath("$.status").isEqualTo("PENDING");
        String orderId = JsonPath.read(body(answered), "$.orderId");
        assertThat(answered).hasHeader(HttpHeaders.LOCATION, "http://localhost/api/orders/" + orderId);
    }

    @Test
    void submissionWithAPreferenceThatIsNotAWaitIsAnsweredAtOnce() {
        String productId = createProduct("Phone", 99_000, 10);
        String customerId = uniqueId("c");

        MvcTestResult answered = mvc.post().uri("/api/orders")
                .header(HttpHeaders.AUTHORIZATION, bearer(buyer(customerId))).header("Prefer", "return=minimal")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"items\": [{\"productId\": \"%s\", \"quantity\": 1}]}".formatted(productId))
                .exchange();

        assertThat(answered).hasStatus(HttpStatus.ACCEPTED).doesNotContainHeader("Preference-Applied");
    }

    @Test
    void longPollAnswersPendingWhenNothingIsDecidedInTime() throws Exception {
        String productId = createProduct("Phone", 99_000, 10);
        String customerId = uniqueId("c");
        String orderId = orderId(placeOrder(customerId, productId, 1, null));
        MvcTestResult waiting = mvc.get().uri("/api/orders/{id}?wait=2s", orderId)
                .header(HttpHeaders.AUTHORIZATION, bearer(buyer(customerId))).asyncExchange();
        MockAsyncContext async = (MockAsyncContext) waiting.getMvcResult().getRequest().getAsyncContext();

        // What the servlet container does when the request's async timeout passes (MockMvc has no clock of its own).
        assertThat(async.getTimeout()).isEqualTo(2_000);
        for (AsyncListener listener : async.getListeners()) {
            listener.onTimeout(new AsyncEvent(async));
        }

        assertThat(mvc.perform(asyncDispatch(waiting.getMvcResult()))).hasStatusOk().bodyJson()
                .extractingPath("$.status").isEqualTo("PENDING");
    }

    @Test
    void longPollWaitsAtMostThirtySeconds() {
        String productId = createProduct("Phone", 99_000, 10);
        String customerId = uniqueId("c");
        String orderId = orderId(placeOrder(customerId, productId, 1, null));

        MvcTestResult waiting = mvc.get().uri("/api/orders/{id}?wait=120s", orderId)
                .header(HttpHeaders.AUTHORIZATION, bearer(buyer(customerId))).asyncExchange();

        assertThat(waiting.getMvcResult().getRequest().getAsyncContext().getTimeout()).isEqualTo(30_000);
    }
}
