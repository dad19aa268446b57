package dev.flashsale.api.order.web;

import static dev.flashsale.api.web.ProblemAssertions.assertProblem;
import static dev.flashsale.api.web.ProblemAssertions.assertProblemNamingField;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;

import dev.flashsale.api.TestTokens;
import dev.flashsale.api.kafka.PublishFailedException;
import dev.flashsale.api.order.AmountMismatchException;
import dev.flashsale.api.order.CommandOutcome;
import dev.flashsale.api.order.IdempotencyKeyReusedException;
import dev.flashsale.api.order.Order;
import dev.flashsale.api.order.OrderCommands;
import dev.flashsale.api.order.OrderLine;
import dev.flashsale.api.order.OrderNotFoundException;
import dev.flashsale.api.order.OrderService;
import dev.flashsale.api.order.OrderStatusConflictException;
import dev.flashsale.api.order.PlaceOrder;
import dev.flashsale.api.order.PlacedOrder;
import dev.flashsale.api.order.SoldOutException;
import dev.flashsale.api.order.UnknownProductException;
import dev.flashsale.api.order.queue.DecisionProgressView;
import dev.flashsale.api.order.status.CommandWatch;
import dev.flashsale.api.order.status.OrderWatch;
import dev.flashsale.api.order.status.StatusReached;
import dev.flashsale.api.security.SecurityConfig;
import dev.flashsale.api.web.WebConfig;
import dev.flashsale.events.CustomerId;
import dev.flashsale.events.OrderId;
import dev.flashsale.events.OrderStatus;
import dev.flashsale.events.ProductId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;


@WebMvcTest(OrderController.class)
@Import({ SecurityConfig.class, WebConfig.class, OrderRateLimiter.class })
@TestPropertySource(properties = TestTokens.SECRET_PROPERTY)
class OrderControllerTest {

    private static final CustomerId BUYER = new CustomerId("c-1");

    private static final String ONE_ITEM = """
            {"customerId": "c-1", "items": [{"productId": "p-1", "quantity": 2}]}
            """;

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    DecisionProgressView progress;

    @MockitoBean
    OrderService orders;

    @MockitoBean
    OrderCommands commands;

    @Test
    void acceptsOrderAndPointsToIt() {
        given(orders.place(any())).willReturn(new PlacedOrder(new OrderId("o-1"), OrderStatus.PENDING));

        MvcTestResult result = postOrder(ONE_ITEM);

        assertThat(result).hasStatus(HttpStatus.ACCEPTED)
                .hasHeader(HttpHeaders.LOCATION, "http://localhost/api/orders/o-1")
                .bodyJson().isStrictlyEqualTo("""
                        {"orderId": "o-1", "status": "PENDING"}
                        """);
        then(orders).should().place(new PlaceOrder(new CustomerId("c-1"), null,
                List.of(new PlaceOrder.Line(new ProductId("p-1"), 2))));
    }

    @Test
    void passesIdempotencyKeyOn() {
        given(orders.place(any())).willReturn(new PlacedOrder(new OrderId("o-1"), OrderStatus.PENDING));

        MvcTestResult result = postOrder(ONE_ITEM, "retry key 7");

        assertThat(result).hasStatus(HttpStatus.ACCEPTED);
        then(orders).should().place(new PlaceOrder(new CustomerId("c-1"), "retry key 7",
                List.of(new PlaceOrder.Line(new ProductId("p-1"), 2))));
    }

    @ParameterizedTest
    @ValueSource(ints = { 1, 10_000 })
    void acceptsQuantitiesAtTheBounds(int quantity) {
        given(orders.place(any())).willReturn(new PlacedOrder(new OrderId("o-1"), OrderStatus.PENDING));

        MvcTestResult result = postOrder(order("c-1", "p-1", Integer.toString(quantity)));

        assertThat(result).hasStatus(HttpStatus.ACCEPTED);
    }

    static Stream<Arguments> invalidOrders() {
        return Stream.of(
                arguments("malformed JSON", """
                        {"customerId": "c-1", "items": [{"productId": "p-1", "quantity": }]}""",
                        "items[0].quantity"),
                arguments("quantity of the wrong type", order("c-1", "p-1", "\"two\""), "items[0].quantity"),
                arguments("fractional quantity", order("c-1", "p-1", "1.5"), "items[0].quantity"),
                arguments("quantity 0", order("c-1", "p-1", "0"), "items[0].quantity"),
                arguments("quantity 10001", order("c-1", "p-1", "10001"), "items[0].quantity"),
                arguments("missing quantity", """
                        {"customerId": "c-1", "items": [{"productId": "p-1"}]}""", "items[0].quantity"),
                arguments("missing product", """
                        {"customerId": "c-1", "items": [{"quantity": 1}]}""", "items[0].productId"),
                arguments("blank product", order("c-1", " ", "1"), "items[0].productId"),
                arguments("product id over 128 characters", order("c-1", "p".repeat(129), "1"),
                        "items[0].productId"),
                arguments("unknown field", """
                        {"customerId": "c-1", "items": [{"productId": "p-1", "quantity": 1}], "coupon": "X"}""",
                        "coupon"),
                arguments("unknown field in an item", """
                        {"customerId": "c-1", "items": [{"productId": "p-1", "quantity": 1, "size": "L"}]}""",
                        "items[0].size"),
                arguments("blank customer", order("  ", "p-1", "1"), "customerId"),
                arguments("customer id over 128 characters", order("c".repeat(129), "p-1", "1"), "customerId"),
                arguments("customer of the wrong type", """
                        {"customerId": {"id": 1}, "items": [{"productId": "p-1", "quantity": 1}]}""",
                        "customerId"),
                arguments("empty items", """
                        {"customerId": "c-1", "items": []}""", "items"),
                arguments("missing items", """
                        {"customerId": "c-1"}""", "items"),
                arguments("items not an array", """
                        {"customerId": "c-1", "items": {"productId": "p-1", "quantity": 1}}""", "items"),
                arguments("null item", """
                        {"customerId": "c-1", "items": [null]}""", "items[0]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidOrders")
    void rejectsInvalidOrderNamingTheField(String description, String body, String field) {
        MvcTestResult result = postOrder(body);

        assertProblemNamingField(result, field);
        then(orders).should(never()).place(any());
    }

    static Stream<Arguments> invalidIdempotencyKeys() {
        return Stream.of(
                arguments("empty", ""),
                arguments("129 characters", "k".repeat(129)),
                arguments("a control character", "key\u0007"),
                arguments("non-ASCII", "clé"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidIdempotencyKeys")
    void rejectsInvalidIdempotencyKey(String description, String key) {
        MvcTestResult result = postOrder(ONE_ITEM, key);

        assertProblemNamingField(result, "Idempotency-Key");
        then(orders).should(never()).place(any());
    }

    @Test
    void acceptsIdempotencyKeyOf128Characters() {
        given(orders.place(any())).willReturn(new PlacedOrder(new OrderId("o-1"), OrderStatus.PENDING));

        MvcTestResult result = postOrder(ONE_ITEM, "k".repeat(128));

        assertThat(result).hasStatus(HttpStatus.ACCEPTED);
    }

    @Test
    void placesACartOfFiftyProducts() {
        given(orders.place(any())).willReturn(new PlacedOrder(new OrderId("o-1"), OrderStatus.PENDING));

        MvcTestResult result = postOrder(cart(50));

        assertThat(result).hasStatus(HttpStatus.ACCEPTED);
        then(orders).should().place(argThat(command -> command.lines().size() == 50));
    }

    @Test
    void refusesACartOfFiftyOneProducts() {
        MvcTestResult result = postOrder(cart(51));

        assertProblemNamingField(result, "items");
        then(orders).shouldHaveNoInteractions();
    }

    @Test
    void refusesTwoLinesForOneProductNamingTheDuplicate() {
        MvcTestResult result = postOrder("""
                {"items": [{"productId": "p-1", "quantity": 1}, {"productId": "p-2", "quantity": 1},
                           {"productId": "p-1", "quantity": 3}]}
                """);

        assertProblemNamingField(result, "items[2].productId");
        assertThat(result).bodyJson().extractingPath("$.errors[0].message").isEqualTo("duplicate of items[0]");
        then(orders).shouldHaveNoInteractions();
    }

    @Test
    void refusesUnknownProductNamingTheItem() {
        given(orders.place(any())).willThrow(new UnknownProductException(0, "ghost"));

        MvcTestResult result = postOrder(order("c-1", "ghost", "1"));

        assertProblemNamingField(result, "items[0].productId");
    }

    @Test
    void answersServiceUnavailableWithRetryAfterWhenKafkaDoesNotAcknowledge() {
        given(orders.place(any())).willThrow(new PublishFailedException("no ack", null));

        MvcTestResult result = postOrder(ONE_ITEM);

        assertProblem(result, HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(result).hasHeader(HttpHeaders.RETRY_AFTER, "1");
    }

    @Test
    void answersServiceUnavailableWithRetryAfterWhenTheDatabaseIsOutOfConnections() {
        given(orders.place(any())).willThrow(new CannotCreateTransactionException("no connection within 30 s"));

        MvcTestResult result = postOrder(ONE_ITEM);

        assertProblem(result, HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(result).hasHeader(HttpHeaders.RETRY_AFTER, "1");
    }

    @Test
    void answersServiceUnavailableWhenTheConnectionDiesInsideATransaction() {
        given(orders.place(any())).willThrow(new TransactionSystemException("JDBC rollback failed",
                new java.sql.SQLException("An I/O error occurred while sending to the backend.", "08006")));

        MvcTestResult result = postOrder(ONE_ITEM);

        assertProblem(result, HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(result).hasHeader(HttpHeaders.RETRY_AFTER, "1");
    }

    @Test
    void rejectsBodyThatIsNotJson() {
        MvcTestResult result = mvc.post().uri("/api/orders").with(buyer()).contentType(MediaType.APPLICATION_XML)
                .content("<order/>").exchange();

        assertProblem(result, HttpStatus.UNSUPPORTED_MEDIA_TYPE);
    }

    @Test
    void rejectsUnsupportedMethod() {
        MvcTestResult result = mvc.put().uri("/api/orders").with(buyer()).contentType(MediaType.APPLICATION_JSON)
                .content(ONE_ITEM).exchange();

        assertProblem(result, HttpStatus.METHOD_NOT_ALLOWED);
    }

    @Test
    void showsOrderWithItsStatus() {
        Instant created = Instant.parse("2025-11-26T21:26:00.123456Z");
        Instant decided = Instant.parse("2025-11-26T21:26:00.140211Z");
        given(orders.find(BUYER, "o-1")).willReturn(Optional.of(new Order(new OrderId("o-1"), new CustomerId("c-1"),
                OrderStatus.REJECTED, "OUT_OF_STOCK", null, null, true, created, decided,
                List.of(new OrderLine(new ProductId("p-1"), 2)), 1_000, null, new ProductId("p-1"), null, null,
                List.of(new StatusReached(OrderStatus.PENDING, created),
                        new StatusReached(OrderStatus.REJECTED, decided)))));

        MvcTestResult result = mvc.get().uri("/api/orders/o-1").with(buyer()).exchange();

        assertThat(result).hasStatusOk().bodyJson().isStrictlyEqualTo("""
                {"orderId": "o-1", "customerId": "c-1", "items": [{"productId": "p-1", "quantity": 2}],
                 "total": 1000, "status": "REJECTED", "reason": "OUT_OF_STOCK", "rejectedProductId": "p-1",
                 "history": [{"status": "PENDING", "at": "2025-11-26T21:26:00.123456Z"},
                             {"status": "REJECTED", "at": "2025-11-26T21:26:00.140211Z"}],
                 "createdAt": "2025-11-26T21:26:00.123456Z", "updatedAt": "2025-11-26T21:26:00.140211Z"}
                """);
    }

    @Test
    void showsThePaymentDeadlineOfAnAcceptedOrderAndThePaymentOfAPaidOne() {
        Instant created = Instant.parse("2025-11-26T21:26:00Z");
        Instant deadline = Instant.parse("2025-11-26T21:36:00Z");
        given(orders.find(BUYER, "o-1")).willReturn(Optional.of(order("o-1", OrderStatus.ACCEPTED, deadline, null)));
        given(orders.find(BUYER, "o-2")).willReturn(Optional.of(order("o-2", OrderStatus.PAID, deadline, "psp-1")));

        MvcTestResult accepted = mvc.get().uri("/api/orders/o-1").with(buyer()).exchange();
        MvcTestResult paid = mvc.get().uri("/api/orders/o-2").with(buyer()).exchange();

        assertThat(accepted).hasStatusOk().bodyJson().extractingPath("$.paymentDeadline")
                .isEqualTo("2025-11-26T21:36:00Z");
        assertThat(accepted).bodyJson().extractingPath("$.history").asArray().hasSize(2);
        assertThat(paid).hasStatusOk().bodyJson().extractingPath("$.paymentReference").isEqualTo("psp-1");
        assertThat(paid).bodyJson().extractingPath("$.amount").isEqualTo(2_000);
        assertThat(paid).bodyJson().doesNotHavePath("$.paymentDeadline");
        assertThat(created).isBefore(deadline);
    }

    @Test
    void showsPendingOrderWithNullReason() {
        Instant now = Instant.parse("2025-11-26T21:26:00Z");
        given(orders.find(BUYER, "o-2")).willReturn(Optional.of(new Order(new OrderId("o-2"), new CustomerId("c-1"),
                OrderStatus.PENDING, null, "k", "f", false, now, now, List.of(new OrderLine(new ProductId("p-1"), 1)),
                500, null, null, null, null, List.of(new StatusReached(OrderStatus.PENDING, now)))));

        MvcTestResult result = mvc.get().uri("/api/orders/o-2").with(buyer()).exchange();

        assertThat(result).hasStatusOk().bodyJson().extractingPath("$.reason").isNull();
        assertThat(result).bodyJson().extractingPath("$.status").isEqualTo("PENDING");
    }

    @Test
    void answersNotFoundForUnknownOrder() {
        given(orders.find(BUYER, "nope")).willReturn(Optional.empty());

        MvcTestResult result = mvc.get().uri("/api/orders/nope").with(buyer()).exchange();

        assertProblem(result, HttpStatus.NOT_FOUND);
    }

    @Test
    void placesOrderForTheTokensSubjectWhenTheBodyNamesNoCustomer() {
        given(orders.place(any())).willReturn(new PlacedOrder(new OrderId("o-1"), OrderStatus.PENDING));

        MvcTestResult result = postOrder("""
                {"items": [{"productId": "p-1", "quantity": 2}]}
                """);

        assertThat(result).hasStatus(HttpStatus.ACCEPTED);
        then(orders).should().place(new PlaceOrder(BUYER, null, List.of(new PlaceOrder.Line(new ProductId("p-1"), 2))));
    }

    @Test
    void refusesOrderOnAnotherCustomersBehalf() {
        MvcTestResult result = postOrder(order("c-2", "p-1", "1"));

        assertProblem(result, HttpStatus.FORBIDDEN);
        assertThat(result).bodyJson().extractingPath("$.errors[0].field").isEqualTo("customerId");
        then(orders).should(never()).place(any());
    }

    @Test
    void answersUnauthorizedWithoutToken() {
        MvcTestResult result = mvc.post().uri("/api/orders").contentType(MediaType.APPLICATION_JSON)
                .content(ONE_ITEM).exchange();

        assertProblem(result, HttpStatus.UNAUTHORIZED);
        assertThat(result.getResponse().getHeader(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Bearer");
        then(orders).should(never()).place(any());
    }

    @Test
    void answersConflictWithCodeWhenTheProductIsSoldOut() {
        given(orders.place(any())).willThrow(new SoldOutException("p-1"));

        MvcTestResult result = postOrder(ONE_ITEM);

        assertProblem(result, HttpStatus.CONFLICT);
        assertThat(result).bodyJson().extractingPath("$.code").isEqualTo("SOLD_OUT");
        assertThat(result).bodyJson().extractingPath("$.productId").isEqualTo("p-1");
    }

    @Test
    void refusesReusedIdempotencyKeyAsUnprocessable() {
        given(orders.place(any())).willThrow(new IdempotencyKeyReusedException("k-1"));

        MvcTestResult result = postOrder(ONE_ITEM, "k-1");

        assertProblem(result, HttpStatus.UNPROCESSABLE_CONTENT);
        assertThat(result).bodyJson().extractingPath("$.detail").asString().contains("different request");
    }

    @Test
    void refusesBodyOverTheSizeLimitUnread() {
        String huge = "{\"items\": [{\"productId\": \"%s\", \"quantity\": 1}]}".formatted("p".repeat(70_000));

        MvcTestResult result = postOrder(huge);

        assertProblem(result, HttpStatus.CONTENT_TOO_LARGE);
        then(orders).should(never()).place(any());
    }

    @ParameterizedTest
    @ValueSource(strings = { "soon", "-1s", "5m", "1.5s", "" })
    void rejectsWaitThatIsNotADuration(String wait) {
        MvcTestResult result = mvc.get().uri("/api/orders/o-1?wait={wait}", wait).with(buyer()).exchange();

        assertProblemNamingField(result, "wait");
        then(orders).shouldHaveNoInteractions();
    }

    @Test
    void answersAnAlreadyDecidedOrderAtOnceWhenAskedToWait() {
        Instant now = Instant.parse("2025-11-26T21:26:00Z");
        Order decided = order("o-3", OrderStatus.ACCEPTED, now, null);
        given(orders.watch(BUYER, "o-3")).willReturn(OrderWatch.settled(decided));

        MvcTestResult result = mvc.get().uri("/api/orders/o-3?wait=30s").with(buyer()).exchange();

        assertThat(result).hasStatusOk().bodyJson().extractingPath("$.status").isEqualTo("ACCEPTED");
    }

    @Test
    void submissionThatPrefersToWaitIsAnsweredAtOnceWhenTooManyRequestsWait() {
        given(orders.place(any())).willReturn(new PlacedOrder(new OrderId("o-1"), OrderStatus.PENDING));
        given(orders.watch(BUYER, "o-1")).willReturn(OrderWatch.settled(order("o-1", OrderStatus.PENDING, null, null)));

        MvcTestResult result = mvc.post().uri("/api/orders").with(buyer()).header("Prefer", "wait=10")
                .contentType(MediaType.APPLICATION_JSON).content(ONE_ITEM).exchange();

        assertThat(result).hasStatus(HttpStatus.ACCEPTED).doesNotContainHeader("Preference-Applied");
        assertThat(result).bodyJson().extractingPath("$.status").isEqualTo("PENDING");
        assertThat(result).hasHeader(HttpHeaders.LOCATION, "http://localhost/api/orders/o-1");
    }

    @Test
    void submissionThatPrefersToWaitWaitsOnItsOwnThreadAndIsAnsweredWithTheDecidedOrder() throws Exception {
        given(orders.place(any())).willReturn(new PlacedOrder(new OrderId("o-1"), OrderStatus.PENDING));
        OrderWatch watch = pendingWatch("o-1");
        given(watch.awaitDecision(Duration.ofSeconds(10)))
                .willReturn(Optional.of(order("o-1", OrderStatus.ACCEPTED, null, null)));

        MvcTestResult result = mvc.post().uri("/api/orders").with(buyer()).header("Prefer", "wait=10")
                .contentType(MediaType.APPLICATION_JSON).content(ONE_ITEM).exchange();

        assertThat(result).hasStatus(HttpStatus.CREATED).hasHeader("Preference-Applied", "wait=10")
                .hasHeader(HttpHeaders.LOCATION, "http://localhost/api/orders/o-1");
        assertThat(result).bodyJson().extractingPath("$.status").isEqualTo("ACCEPTED");
        // Answered in the request's own dispatch: no second pass through the filter chain.
        assertThat(result.getMvcResult().getRequest().isAsyncStarted()).isFalse();
        then(watch).should().cancel();
    }

    @Test
    void submissionThatPrefersToWaitIsAnsweredReceivedWhenNothingIsDecidedInTime() throws Exception {
        given(orders.place(any())).willReturn(new PlacedOrder(new OrderId("o-1"), OrderStatus.PENDING));
        OrderWatch watch = pendingWatch("o-1");
        given(watch.awaitDecision(Duration.ofSeconds(2))).willReturn(Optional.empty());

        MvcTestResult result = mvc.post().uri("/api/orders").with(buyer()).header("Prefer", "wait=2")
                .contentType(MediaType.APPLICATION_JSON).content(ONE_ITEM).exchange();

        assertThat(result).hasStatus(HttpStatus.ACCEPTED).hasHeader("Preference-Applied", "wait=2");
        assertThat(result).bodyJson().extractingPath("$.status").isEqualTo("PENDING");
        then(watch).should().cancel();
    }

    @Test
    void submissionWhoseWaitIsInterruptedIsAnsweredReceived() throws Exception {
        given(orders.place(any())).willReturn(new PlacedOrder(new OrderId("o-1"), OrderStatus.PENDING));
        OrderWatch watch = pendingWatch("o-1");
        given(watch.awaitDecision(Duration.ofSeconds(10))).willThrow(new InterruptedException("stopping"));

        MvcTestResult result = mvc.post().uri("/api/orders").with(buyer()).header("Prefer", "wait=10")
                .contentType(MediaType.APPLICATION_JSON).content(ONE_ITEM).exchange();
        boolean interrupted = Thread.interrupted();

        assertThat(result).hasStatus(HttpStatus.ACCEPTED)
                .hasHeader(HttpHeaders.LOCATION, "http://localhost/api/orders/o-1");
        assertThat(result).bodyJson().extractingPath("$.status").isEqualTo("PENDING");
        assertThat(interrupted).as("the interrupt is kept for the server that stops").isTrue();
        then(watch).should().cancel();
    }

    @Test
    void readsAnOrderInTheRequestsOwnDispatch() {
        given(orders.find(BUYER, "o-1")).willReturn(Optional.of(order("o-1", OrderStatus.ACCEPTED, null, null)));

        MvcTestResult result = mvc.get().uri("/api/orders/o-1").with(buyer()).exchange();

        assertThat(result).hasStatusOk().bodyJson().extractingPath("$.status").isEqualTo("ACCEPTED");
        assertThat(result.getMvcResult().getRequest().isAsyncStarted()).isFalse();
    }

    /** No request thread may wait: a submission that prefers to wait is answered at once, as if it had not asked. */
    @Nested
    @TestPropertySource(properties = "flashsale.long-poll.max-waiting-threads=0")
    class WhenNoThreadMayWait {

        @Test
        void submissionThatPrefersToWaitIsAnsweredReceivedAtOnce() throws Exception {
            given(orders.place(any())).willReturn(new PlacedOrder(new OrderId("o-1"), OrderStatus.PENDING));
            OrderWatch watch = pendingWatch("o-1");

            MvcTestResult result = mvc.post().uri("/api/orders").with(buyer()).header("Prefer", "wait=10")
                    .contentType(MediaType.APPLICATION_JSON).content(ONE_ITEM).exchange();

            assertThat(result).hasStatus(HttpStatus.ACCEPTED).doesNotContainHeader("Preference-Applied");
            then(watch).should(never()).awaitDecision(any());
            then(watch).should().cancel();
        }
    }

    /** A watch of a pending order, as the service gives one while a request may wait for it. */
    private OrderWatch pendingWatch(String orderId) {
        OrderWatch watch = mock(OrderWatch.class);
        given(watch.isWaiting()).willReturn(true);
        given(watch.current()).willReturn(order(orderId, OrderStatus.PENDING, null, null));
        given(orders.watch(BUYER, orderId)).willReturn(watch);
        return watch;
    }

    @Test
    void answersThePaidOrderOnceTheAggregatorAppliedThePayment() {
        given(commands.pay(BUYER, "o-1", 2_000, "psp-1")).willReturn(answered(new CommandOutcome(true,
                OrderStatus.PAID)));
        given(commands.current(BUYER, "o-1")).willReturn(order("o-1", OrderStatus.PAID, null, "psp-1"));

        MvcTestResult result = pay("o-1", """
                {"amount": 2000, "paymentReference": "psp-1"}
                """);

        assertThat(result).hasStatusOk().bodyJson().extractingPath("$.status").isEqualTo("PAID");
    }

    @Test
    void answersConflictWithTheCurrentStatusWhenTheAggregatorRefusesThePayment() {
        given(commands.pay(BUYER, "o-1", 2_000, "psp-1")).willReturn(answered(new CommandOutcome(false,
                OrderStatus.EXPIRED)));
        given(commands.refusal(BUYER, "o-1", "paid", OrderStatus.EXPIRED)).willReturn(
                new OrderStatusConflictException("paid", "o-1", OrderStatus.EXPIRED, null));

        MvcTestResult result = pay("o-1", """
                {"amount": 2000, "paymentReference": "psp-1"}
                """);

        assertProblem(result, HttpStatus.CONFLICT);
        assertThat(result).bodyJson().extractingPath("$.currentStatus").isEqualTo("EXPIRED");
    }

    @Test
    void answersConflictWithThePaymentReferenceOfAnOrderPaidAlready() {
        given(commands.pay(BUYER, "o-1", 2_000, "psp-1")).willThrow(
                new OrderStatusConflictException("paid", "o-1", OrderStatus.PAID, "psp-1"));

        MvcTestResult result = pay("o-1", """
                {"amount": 2000, "paymentReference": "psp-1"}
                """);

        assertProblem(result, HttpStatus.CONFLICT);
        assertThat(result).bodyJson().extractingPath("$.currentStatus").isEqualTo("PAID");
        assertThat(result).bodyJson().extractingPath("$.paymentReference").isEqualTo("psp-1");
        assertThat(result).bodyJson().extractingPath("$.code").isEqualTo("STATUS_CONFLICT");
    }

    @Test
    void refusesAPaymentOfTheWrongAmountNamingTheTotal() {
        given(commands.pay(BUYER, "o-1", 1_999, "psp-1")).willThrow(new AmountMismatchException("o-1", 1_999, 2_000));

        MvcTestResult result = pay("o-1", """
                {"amount": 1999, "paymentReference": "psp-1"}
                """);

        assertProblem(result, HttpStatus.UNPROCESSABLE_CONTENT);
        assertThat(result).bodyJson().extractingPath("$.code").isEqualTo("AMOUNT_MISMATCH");
        assertThat(result).bodyJson().extractingPath("$.total").isEqualTo(2_000);
    }

    static Stream<Arguments> invalidPayments() {
        return Stream.of(
                arguments("missing amount", "{\"paymentReference\": \"r\"}", "amount"),
                arguments("negative amount", "{\"amount\": -1, \"paymentReference\": \"r\"}", "amount"),
                arguments("fractional amount", "{\"amount\": 1.5, \"paymentReference\": \"r\"}", "amount"),
                arguments("amount as text", "{\"amount\": \"1\", \"paymentReference\": \"r\"}", "amount"),
                arguments("missing reference", "{\"amount\": 1}", "paymentReference"),
                arguments("empty reference", "{\"amount\": 1, \"paymentReference\": \"\"}", "paymentReference"),
                arguments("blank reference", "{\"amount\": 1, \"paymentReference\": \"  \"}", "paymentReference"),
                arguments("reference over 128", "{\"amount\": 1, \"paymentReference\": \"" + "r".repeat(129)
                        + "\"}", "paymentReference"),
                arguments("control character", "{\"amount\": 1, \"paymentReference\": \"a\\u0000b\"}",
                        "paymentReference"),
                arguments("unknown field", "{\"amount\": 1, \"paymentReference\": \"r\", \"x\": 1}", "x"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidPayments")
    void refusesInvalidPaymentNamingTheField(String description, String body, String field) {
        MvcTestResult result = pay("o-1", body);

        assertProblemNamingField(result, field);
        then(commands).shouldHaveNoInteractions();
    }

    @Test
    void answersTheCancelledOrderOnceTheAggregatorAppliedTheCancellation() {
        given(commands.cancel(BUYER, "o-1")).willReturn(answered(new CommandOutcome(true, OrderStatus.CANCELLED)));
        given(commands.current(BUYER, "o-1")).willReturn(order("o-1", OrderStatus.CANCELLED, null, null));

        MvcTestResult result = mvc.post().uri("/api/orders/o-1/cancel").with(buyer()).exchange();

        assertThat(result).hasStatusOk().bodyJson().extractingPath("$.status").isEqualTo("CANCELLED");
    }

    @Test
    void answersConflictWhenCancellingAPaidOrder() {
        given(commands.cancel(BUYER, "o-1")).willThrow(
                new OrderStatusConflictException("cancelled", "o-1", OrderStatus.PAID, "psp-1"));

        MvcTestResult result = mvc.post().uri("/api/orders/o-1/cancel").with(buyer()).exchange();

        assertProblem(result, HttpStatus.CONFLICT);
        assertThat(result).bodyJson().extractingPath("$.currentStatus").isEqualTo("PAID");
    }

    @Test
    void answersNotFoundWhenCancellingAnotherBuyersOrder() {
        given(commands.cancel(BUYER, "o-9")).willThrow(new OrderNotFoundException("o-9"));

        MvcTestResult result = mvc.post().uri("/api/orders/o-9/cancel").with(buyer()).exchange();

        assertProblem(result, HttpStatus.NOT_FOUND);
    }

    private static CommandWatch answered(CommandOutcome outcome) {
        return new CommandWatch(UUID.randomUUID(), "o-1", CompletableFuture.completedFuture(outcome));
    }

    private static Order order(String orderId, OrderStatus status, Instant deadline, String paymentReference) {
        Instant now = Instant.parse("2025-11-26T21:26:00Z");
        return new Order(new OrderId(orderId), new CustomerId("c-1"), status, null, null, null, true, now, now,
                List.of(new OrderLine(new ProductId("p-1"), 2)), 2_000, deadline, null, paymentReference,
                paymentReference == null ? null : 2_000L,
                List.of(new StatusReached(OrderStatus.PENDING, now), new StatusReached(status, now)));
    }

    private MvcTestResult pay(String orderId, String body) {
        return mvc.post().uri("/api/orders/{id}/payment", orderId).with(buyer()).contentType(MediaType.APPLICATION_JSON)
                .content(body).exchange();
    }

    private static String cart(int lines) {
        return IntStream.range(0, lines)
                .mapToObj(line -> "{\"productId\": \"p-" + line + "\", \"quantity\": 1}")
                .collect(Collectors.joining(",", "{\"items\": [", "]}"));
    }

    private MvcTestResult postOrder(String body) {
        return mvc.post().uri("/api/orders").with(buyer()).contentType(MediaType.APPLICATION_JSON).content(body)
                .exchange();
    }

    private MvcTestResult postOrder(String body, String idempotencyKey) {
        return mvc.post().uri("/api/orders").with(buyer()).header("Idempotency-Key", idempotencyKey)
                .contentType(MediaType.APPLICATION_JSON).content(body).exchange();
    }

    private static RequestPostProcessor buyer() {
        return jwt().jwt(token -> token.subject(BUYER.value()));
    }

    private static String order(String customerId, String productId, String quantity) {
        return """
                {"customerId": "%s", "items": [{"productId": "%s", "quantity": %s}]}
                """.formatted(customerId, productId, quantity);
    }
}
