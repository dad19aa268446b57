package dev.flashsale.api.order.web;

import dev.flashsale.api.order.CommandSettings;
import dev.flashsale.api.order.Order;
import dev.flashsale.api.order.OrderCommands;
import dev.flashsale.api.order.OrderNotFoundException;
import dev.flashsale.api.order.OrderService;
import dev.flashsale.api.order.PlacedOrder;
import dev.flashsale.api.order.queue.DecisionProgressView;
import dev.flashsale.api.order.status.CommandWatch;
import dev.flashsale.api.order.status.LongPollSettings;
import dev.flashsale.api.order.status.OrderWatch;
import dev.flashsale.events.CustomerId;
import dev.flashsale.events.OrderId;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;
import org.springframework.web.util.UriComponentsBuilder;

@RestController
@RequestMapping(path = "/api/orders", produces = MediaType.APPLICATION_JSON_VALUE)
@EnableConfigurationProperties({ LongPollSettings.class, CommandSettings.class })
class OrderController implements OrderApiDocs {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    /** Visible ASCII, inner spaces allowed, 1..128 characters. */
    static final String IDEMPOTENCY_KEY_PATTERN = "[\\x21-\\x7E]([\\x20-\\x7E]{0,126}[\\x21-\\x7E])?";

    private final OrderService orders;
    private final OrderCommands commands;
    private final OrderRateLimiter rateLimiter;
    private final Duration maxWait;
    private final Duration answerTimeout;
    private final WaitingThreads waitingThreads;
    private final DecisionProgressView progress;

    OrderController(OrderService orders, OrderCommands commands, OrderRateLimiter rateLimiter,
            LongPollSettings longPoll, CommandSettings commandSettings, DecisionProgressView progress) {
        this.orders = orders;
        this.progress = progress;
        this.commands = commands;
        this.rateLimiter = rateLimiter;
        this.maxWait = longPoll.maxWait();
        this.answerTimeout = commandSettings.answerTimeout();
        this.waitingThreads = new WaitingThreads(longPoll.maxWaitingThreads());
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Override
    public ResponseEntity<OrderReceipt> place(
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey,
            @RequestBody PlaceOrderRequest request,
            @AuthenticationPrincipal Jwt token,
            UriComponentsBuilder uris) {
        CustomerId buyer = buyer(token);
        var command = request.toCommand(buyer, idempotencyKey);
        rateLimiter.admit(buyer);
        PlacedOrder placed = orders.place(command);
        URI location = uris.path("/api/orders/{id}").buildAndExpand(placed.orderId()).toUri();
        return ResponseEntity.accepted().location(location).body(OrderReceipt.of(placed));
    }

    /**
     * {@link #place} for a client that sent {@code Prefer: wait=N}: answered as soon as the order is decided, with
     * the order, or with the 202 of {@link #place} once the wait is over. One request instead of a submission and a
     * long-poll. The wait holds the request's thread ({@link WaitingThreads}); while too many do, or too many requests
     * wait already, the 202 comes at once (the preference is not applied). Documented with {@link #place}, whose
     * contract it shares.
     */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, headers = PreferredWait.HEADER)
    @Operation(hidden = true)
    ResponseEntity<?> placeAndWait(
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false)
            @Pattern(regexp = IDEMPOTENCY_KEY_PATTERN, message = "must be 1 to 128 printable ASCII characters")
            String idempotencyKey,
            @RequestHeader(PreferredWait.HEADER) String prefer,
            @Valid @RequestBody PlaceOrderRequest request,
            @AuthenticationPrincipal Jwt token,
            UriComponentsBuilder uris) {
        Duration waitFor = PreferredWait.parse(prefer, maxWait);
        ResponseEntity<OrderReceipt> received = place(idempotencyKey, request, token, uris);
        if (waitFor.isZero()) {
            return received;
        }
        PlacedOrder placed = new PlacedOrder(new OrderId(received.getBody().orderId()), received.getBody().status());
        URI location = received.getHeaders().getLocation();
        String applied = PreferredWait.applied(waitFor);
        OrderWatch watch = orders.watch(buyer(token), placed.orderId().value());
        if (!watch.isWaiting()) {
            // Decided already, or still pending while too many requests wait (the preference is not applied).
            return watch.current().isPending() ? received : decided(location, watch.current(), applied);
        }
        if (!waitingThreads.tryHold()) {
            watch.cancel();
            return received;
        }
        try {
            return watch.awaitDecision(waitFor).<ResponseEntity<?>>map(decided -> decided(location, decided, applied))
                    .orElseGet(() -> undecided(location, placed, applied));
        } catch (InterruptedException e) {
            // The server is stopping. The order is placed all the same; its client reads it where the 202 points.
            Thread.currentThread().interrupt();
            return undecided(location, placed, applied);
        } finally {
            watch.cancel();
            waitingThreads.release();
        }
    }

    /** 202: the order, still undecided when the wait the client preferred was over. */
    private static ResponseEntity<?> undecided(URI location, PlacedOrder placed, String applied) {
        return ResponseEntity.accepted().location(location).header(PreferredWait.APPLIED, applied)
                .body(OrderReceipt.of(placed));
    }

    /** 201: the order, created and decided within the wait the client preferred. */
    private ResponseEntity<?> decided(URI location, Order order, String applied) {
        return ResponseEntity.created(location).header(PreferredWait.APPLIED, applied).body(view(order));
    }

    /**
     * {@link #get} without a wait: answered in the request's own dispatch, where a {@code DeferredResult}, even one set
     * already, would dispatch the request a second time. Documented with {@link #get}.
     */
    @GetMapping(path = "/{orderId}", params = "!" + InvalidWaitException.PARAMETER)
    @Operation(hidden = true)
    OrderView read(@PathVariable String orderId, @AuthenticationPrincipal Jwt token) {
        return orders.find(buyer(token), orderId).map(this::view)
                .orElseThrow(() -> new OrderNotFoundException(orderId));
    }

    @GetMapping(path = "/{orderId}", params = InvalidWaitException.PARAMETER)
    @Override
    public DeferredResult<OrderView> get(@PathVariable String orderId,
            @RequestParam(name = InvalidWaitException.PARAMETER, required = false) String wait,
            @AuthenticationPrincipal Jwt token) {
        Duration waitFor = LongPollWait.parse(wait, maxWait);
        CustomerId buyer = buyer(token);
        if (waitFor.isZero()) {
            return answered(orders.find(buyer, orderId).map(this::view)
                    .orElseThrow(() -> new OrderNotFoundException(orderId)));
        }
        OrderWatch watch = orders.watch(buyer, orderId);
        if (!watch.isWaiting()) {
            return answered(view(watch.current()));
        }
        DeferredResult<OrderView> answer = new DeferredResult<>(waitFor.toMillis(),
                () -> view(watch.current()));
        watch.whenDecided(decided -> answer.setResult(view(decided)));
        // Also run on timeout and when the client goes away: the waiter is forgotten either way.
        answer.onCompletion(watch::cancel);
        return answer;
    }

    @PostMapping(path = "/{orderId}/payment", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Override
    public DeferredResult<ResponseEntity<OrderView>> pay(@PathVariable String orderId,
            @RequestBody PaymentRequest request,
            @AuthenticationPrincipal Jwt token, UriComponentsBuilder uris) {
        CustomerId buyer = buyer(token);
        CommandWatch watch = commands.pay(buyer, orderId, request.amount(), request.paymentReference());
        return answer(buyer, watch, "paid", uris);
    }

    @PostMapping("/{orderId}/cancel")
    @Override
    public DeferredResult<ResponseEntity<OrderView>> cancel(@PathVariable String orderId,
            @AuthenticationPrincipal Jwt token, UriComponentsBuilder uris) {
        CustomerId buyer = buyer(token);
        return answer(buyer, commands.cancel(buyer, orderId), "cancelled", uris);
    }

    /**
     * The aggregator's answer to our command, by its ID, or 202 when it is late; the wait holds no thread. The order
     * is read again for the answer: the read model has the change by then, with its whole history.
     */
    private DeferredResult<ResponseEntity<OrderView>> answer(CustomerId buyer, CommandWatch watch, String action,
            UriComponentsBuilder uris) {
        URI location = uris.path("/api/orders/{id}").buildAndExpand(watch.orderId()).toUri();
        DeferredResult<ResponseEntity<OrderView>> answer = new DeferredResult<>(answerTimeout.toMillis(),
                () -> ResponseEntity.accepted().location(location)
                        .body(view(commands.current(buyer, watch.orderId()))));
        watch.whenAnswered(outcome -> {
            try {
                if (outcome.applied()) {
                    answer.setResult(ResponseEntity.ok(view(commands.current(buyer, watch.orderId()))));
                } else {
                    answer.setErrorResult(commands.refusal(buyer, watch.orderId(), action, outcome.status()));
                }
            } catch (RuntimeException e) {
                answer.setErrorResult(e);
            }
        });
        answer.onCompletion(watch::cancel);
        return answer;
    }

    private static <T> DeferredResult<T> answered(T view) {
        DeferredResult<T> answer = new DeferredResult<>();
        answer.setResult(view);
        return answer;
    }

    private static CustomerId buyer(Jwt token) {
        return new CustomerId(token.getSubject());
    }

    /** The order as the buyer sees it: while pending, with its place in line. */
    private OrderView view(Order order) {
        return OrderView.of(order, progress.placesOf(order));
    }
}
