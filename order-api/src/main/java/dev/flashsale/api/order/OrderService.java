package dev.flashsale.api.order;

import dev.flashsale.api.kafka.EventPublisher;
import dev.flashsale.api.kafka.PublishFailedException;
import dev.flashsale.api.order.placing.AcknowledgedOrders;
import dev.flashsale.api.order.placing.OrderInserts;
import dev.flashsale.api.order.placing.PlacingLatency;
import dev.flashsale.api.order.placing.RequestOffsetWrites;
import dev.flashsale.api.order.readmodel.OrderRepository;
import dev.flashsale.api.order.readmodel.RecentOrders;
import dev.flashsale.api.order.status.Decision;
import dev.flashsale.api.order.status.DecisionWaiters;
import dev.flashsale.api.order.status.OrderWatch;
import dev.flashsale.api.product.ProductCatalog;
import dev.flashsale.events.CustomerId;
import dev.flashsale.events.OrderStatus;
import dev.flashsale.events.Topics;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * Places orders so that none is lost once the buyer has been told it was received, and none is placed twice for one
 * Idempotency-Key. The order row is written before its event is published (in one statement with the orders of every
 * other request in flight, {@link OrderInserts}), and the event is acknowledged by Kafka before the buyer hears of
 * the order. Deliberately not one transaction: no database connection is held while waiting for Kafka, and each step
 * is safe to repeat. That Kafka acknowledged is not written back to the row on the request path: this instance
 * remembers it ({@link AcknowledgedOrders}), and the row is marked when the first result of its lines is projected.
 */
@Service
public class OrderService {

    private static final Logger log = LoggerFactory.getLogger(OrderService.class);
    private static final int MAX_INSERT_ATTEMPTS = 3;

    private final OrderRepository orders;
    private final ProductCatalog catalog;
    private final EventPublisher publisher;
    private final DecisionWaiters waiters;
    private final OrderInserts inserts;
    private final AcknowledgedOrders acknowledged;
    private final RecentOrders recentOrders;
    private final PlacingLatency latency;
    private final RequestOffsetWrites offsetWrites;
    private final Clock clock;

    OrderService(OrderRepository orders, ProductCatalog catalog, EventPublisher publisher, DecisionWaiters waiters,
            OrderInserts inserts, AcknowledgedOrders acknowledged, RecentOrders recentOrders, PlacingLatency latency,
            RequestOffsetWrites offsetWrites, Clock clock) {
        this.orders = orders;
        this.offsetWrites = offsetWrites;
        this.latency = latency;
        this.recentOrders = recentOrders;
        this.inserts = inserts;
        this.acknowledged = acknowledged;
        this.catalog = catalog;
        this.publisher = publisher;
        this.waiters = waiters;
        this.clock = clock;
    }

    /**
     * @throws IdempotencyKeyReusedException       if the buyer used the key before for a different request
     * @throws UnknownProductException             if a line names a product the catalog does not have
     * @throws SoldOutException                    if a line's product has no units left; nothing was placed
     * @throws PublishFailedException              if Kafka did not acknowledge; nothing was placed, retry
     */
    public PlacedOrder place(PlaceOrder command) {
        List<PlaceOrder.Line> lines = command.lines();
        long total = 0;
        for (int index = 0; index < lines.size(); index++) {
            PlaceOrder.Line line = lines.get(index);
            OptionalLong price = catalog.price(line.productId());
            if (price.isEmpty()) {
                throw new UnknownProductException(index, line.productId().value());
            }
            total += price.getAsLong() * line.quantity();
        }
        for (PlaceOrder.Line line : lines) {
            // Only an optimisation: the processor still decides every order that gets through, so a view that lags
            // behind a restock costs a refused buyer, never an oversold unit.
            if (catalog.isSoldOut(line.productId())) {
                // A retry of an order placed before the product sold out is answered with that order, not refused.
                Optional<Order> earlier = command.idempotencyKey() == null ? Optional.empty() : findByKey(command);
                if (earlier.isPresent()) {
                    return replay(earlier.get(), command);
                }
                throw new SoldOutException(line.productId().value());
            }
        }
        Order order = Order.place(command, total, clock.instant().truncatedTo(ChronoUnit.MICROS),
                publisher.partitionsKnown(Topics.ORDER_REQUESTS));
        for (int attempt = 1; !placed(order); attempt++) {
            if (command.idempotencyKey() == null) {
                throw new IllegalStateException("Order ID " + order.orderId() + " is taken");
            }
            // The key is taken: this is a retry, and the order placed with the key first is its answer.
            Optional<Order> earlier = findByKey(command);
            if (earlier.isPresent()) {
                return replay(earlier.get(), command);
            }
            if (attempt == MAX_INSERT_ATTEMPTS) {
                // Its holder keeps being placed and withdrawn (each time its publication failed): Kafka is in trouble.
                throw new PublishFailedException("Order with Idempotency-Key " + command.idempotencyKey()
                        + " is being placed by another request", null);
            }
            // The first attempt failed to publish and withdrew its order meanwhile: place this one in its stead.
        }
        return new PlacedOrder(order.orderId(), order.status());
    }

    /**
     * Records the order, then publishes it, as one chain that the request thread waits for once: the writer thread
     * that committed the order's row sends its events, so that a request sleeps and wakes once, not once for the
     * database and again for Kafka. The insert is bounded by its statement timeout; from the moment it is done, Kafka
     * has the publish timeout to acknowledge.
     *
     * @return true once the order is recorded and Kafka acknowledged it; false if its Idempotency-Key was taken
     * @throws PublishFailedException if Kafka did not acknowledge in time; the order is withdrawn
     */
    private boolean placed(Order order) {
        // Before anything can be decided on it, so that the lifecycle projection finds it to keep up to date.
        recentOrders.placing(order);
        CompletableFuture<Boolean> placed = inserts.insert(order).thenCompose(recorded -> {
            if (!recorded) {
                return CompletableFuture.completedFuture(false);
            }
            latency.recorded(order.createdAt());
            return publisher.sendAll(Topics.ORDER_REQUESTS, request -> request.productId().value(), order.requests())
                    .orTimeout(publisher.timeout().toNanos(), TimeUnit.NANOSECONDS)
                    .thenApply(acknowledged -> {
                        latency.published(order.createdAt());
                        requested(order, acknowledged);
                        return true;
                    });
        });
        try {
            if (!placed.join()) {
                recentOrders.withdrawn(order.orderId());
                return false;
            }
        } catch (CompletionException e) {
            recentOrders.withdrawn(order.orderId());
            Throwable cause = e.getCause();
            if (cause instanceof PublishFailedException || cause instanceof TimeoutException) {
                orders.deleteIfUnpublished(order.orderId());
                throw cause instanceof PublishFailedException failure ? failure
                        : new PublishFailedException("Kafka did not acknowledge within " + publisher.timeout(), cause);
            }
            throw cause instanceof RuntimeException runtime ? runtime : e;
        }
        acknowledged.remember(order.orderId());
        return true;
    }

    /** Where Kafka wrote the order's requests: remembered here at once, and in the read model for every instance. */
    private void requested(Order order, List<RecordMetadata> acknowledged) {
        List<RequestOffset> offsets = acknowledged.stream()
                .map(written -> new RequestOffset(written.partition(), written.offset()))
                .toList();
        recentOrders.requested(order.orderId(), offsets);
        offsetWrites.written(order.requestedAt(offsets));
    }

    /** The buyer's order; another buyer's is as absent as an unknown one. */
    public Optional<Order> find(CustomerId buyer, String orderId) {
        Optional<Order> order = recentOrders.find(orderId);
        return (order.isPresent() ? order : orders.findById(orderId)).filter(found -> found.belongsTo(buyer));
    }

    /**
     * The buyer's order now, and, while it is pending, a way to be told of its decision; none while as many requests
     * wait as {@code flashsale.long-poll.max-waiting} allows, so that a pending order may come back settled.
     *
     * @throws OrderNotFoundException if the buyer has no such order
     */
    public OrderWatch watch(CustomerId buyer, String orderId) {
        return watch(buyer, orderId, waiters.register(orderId), Order::isPending);
    }

    /**
     * The buyer's order now, and, until it is final, a way to be told of its next change past the status that
     * {@code seen} gives (asked when the change comes; null for any change). Not bounded by
     * {@code flashsale.long-poll.max-waiting}: the caller bounds its followers.
     *
     * @throws OrderNotFoundException if the buyer has no such order
     */
    public OrderWatch follow(CustomerId buyer, String orderId, Supplier<OrderStatus> seen) {
        return watch(buyer, orderId, waiters.followPast(orderId, seen), order -> !order.status().isFinal());
    }

    private OrderWatch watch(CustomerId buyer, String orderId, CompletableFuture<Decision> change,
            Predicate<Order> mayChange) {
        // Listen first, then read: a change committed before the read is in what it reads, one committed after it
        // is announced to the waiter. One read per long-poll, which matters when thousands arrive at once.
        Optional<Order> current = find(buyer, orderId);
        if (change == null || current.isEmpty() || !mayChange.test(current.get())) {
            if (change != null) {
                change.cancel(false);
            }
            return OrderWatch.settled(current.orElseThrow(() -> new OrderNotFoundException(orderId)));
        }
        return OrderWatch.pending(current.get(), change);
    }

    private Optional<Order> findByKey(PlaceOrder command) {
        return orders.findByCustomerIdAndIdempotencyKey(command.customerId(), command.idempotencyKey());
    }

    private PlacedOrder replay(Order earlier, PlaceOrder retry) {
        if (!earlier.wasPlacedBy(retry)) {
            throw new IdempotencyKeyReusedException(retry.idempotencyKey());
        }
        if (!earlier.published() && !acknowledged.contains(earlier.orderId())) {
            if (earlier.lines().isEmpty()) {
                // An order without lines was withdrawn by its failed first attempt while this retry read it:
                // confirming what is left would answer 202 for a request Kafka never received. The retry that
                // follows finds no key and places the order anew.
                throw new PublishFailedException("Order " + earlier.orderId() + " was withdrawn by its failed first"
                        + " attempt while this retry read it", null);
            }
            // The first attempt has not confirmed its event: still in flight, or it died. Sending again is safe
            // because the processor decides each order id once. If this fails the row stays: it is not ours to
            // delete while the first attempt may still succeed.
            publish(earlier);
            confirmPublished(earlier);
        }
        return new PlacedOrder(earlier.orderId(), earlier.status());
    }

    /**
     * All lines at once, then every acknowledgement: a cart of fifty lines waits about as long as one line.
     *
     * @throws PublishFailedException if Kafka did not acknowledge one of the order's requests; some lines may have
     *                                been written, which a retry with the same order ID makes whole
     */
    public void publish(Order order) {
        publisher.publishAll(Topics.ORDER_REQUESTS, request -> request.productId().value(), order.requests());
    }

    private void confirmPublished(Order order) {
        if (orders.markPublished(order.orderId())) {
            return;
        }
        // A twin request whose publication failed deleted the row after this one's succeeded. The event is out and
        // the buyer will be told so: the order must exist for the GET that follows.
        log.info("Order {} was removed by a failed twin request after its event was published; restoring it",
                order.orderId());
        try {
            orders.insert(order.asPublished());
        } catch (DuplicateKeyException e) {
            log.debug("Order {} reappeared concurrently", order.orderId(), e);
        }
    }
}
