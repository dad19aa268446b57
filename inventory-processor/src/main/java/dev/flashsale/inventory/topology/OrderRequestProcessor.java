package dev.flashsale.inventory.topology;

import dev.flashsale.events.OrderAccepted;
import dev.flashsale.events.OrderLineRequested;
import dev.flashsale.events.OrderRejected;
import dev.flashsale.events.OrderRequestEvent;
import dev.flashsale.events.OrderResult;
import dev.flashsale.events.PoisonReason;
import dev.flashsale.events.RejectionReason;
import dev.flashsale.events.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Decides each order line once against its product's stock. It runs on the one thread that owns the product's
 * partition, so the check and the decrement cannot interleave with another request for the same product; exactly-once
 * processing commits the store change, the result and the input offset together or not at all.
 */
final class OrderRequestProcessor implements Processor<byte[], byte[], String, Outcome> {

    static final String METRICS_ENTITY = "order-requests";

    private final Duration dedupeRetention;
    private ProcessorContext<String, Outcome> context;
    private Intake<OrderRequestEvent> intake;
    private KeyValueStore<String, ProductStock> stocks;
    private RememberedIds decided;

    OrderRequestProcessor(Duration dedupeRetention) {
        this.dedupeRetention = dedupeRetention;
    }

    @Override
    public void init(ProcessorContext<String, Outcome> context) {
        this.context = context;
        this.intake = new Intake<>(context, Topics.ORDER_REQUEST_SERDE, OrderRequestEvent::productId,
                METRICS_ENTITY);
        this.stocks = context.getStateStore(InventoryStores.STOCK);
        this.decided = new RememberedIds(context, InventoryStores.DECIDED_ORDERS, dedupeRetention);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        intake.admit(record).ifPresent(event -> {
            if (event instanceof OrderLineRequested request) {
                decide(record, request);
            } else {
                intake.deadLetter(record, PoisonReason.UNKNOWN_EVENT_TYPE,
                        "no decision rule for " + event.getClass().getSimpleName());
            }
        });
    }

    private void decide(Record<byte[], byte[]> record, OrderLineRequested request) {
        // The order ID, not the eventId: the order API re-sends an unconfirmed order under a new eventId.
        String line = lineKey(request);
        if (decided.contains(line)) {
            intake.dropDuplicate("order " + request.orderId() + " for product " + request.productId());
            return;
        }
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        String productKey = request.productId().value();
        ProductStock stock = stocks.get(productKey);
        OrderResult result;
        if (stock == null) {
            result = rejected(request, RejectionReason.UNKNOWN_PRODUCT, now);
        } else if (!stock.covers(request.quantity())) {
            result = rejected(request, RejectionReason.OUT_OF_STOCK, now);
        } else {
            ProductStock reserved = stock.reserve(request.quantity());
            stocks.put(productKey, reserved);
            context.forward(new Record<>(productKey,
                    new Outcome.LevelChanged(reserved.level(request.productId(), now)),
                    record.timestamp(), new RecordHeaders()));
            result = new OrderAccepted(UUID.randomUUID(), request.orderId(), request.customerId(),
                    request.productId(), request.quantity(), request.occurredAt(), now);
        }
        decided.remember(line, result instanceof OrderRejected rejected ? rejected.reason().name() : "ACCEPTED");
        // Fresh headers: the serde writes the result's own type; nothing of the request travels along.
        context.forward(new Record<>(request.orderId().value(), new Outcome.Decided(result), record.timestamp(),
                new RecordHeaders()));
    }

    private static OrderRejected rejected(OrderLineRequested request, RejectionReason reason, Instant now) {
        return new OrderRejected(UUID.randomUUID(), request.orderId(), request.customerId(), request.productId(),
                request.quantity(), reason, request.occurredAt(), now);
    }

    /** Length-prefixed so that no product and order ID pair can spell another pair's key. */
    static String lineKey(OrderLineRequested request) {
        String product = request.productId().value();
        return product.length() + ":" + product + ":" + request.orderId().value();
    }
}
