package dev.flashsale.inventory.topology;

import dev.flashsale.events.PaymentWindowSet;
import dev.flashsale.events.PoisonReason;
import dev.flashsale.events.ProductStocked;
import dev.flashsale.events.PurchaseLimitSet;
import dev.flashsale.events.StockAdjustment;
import dev.flashsale.events.StockReplenished;
import dev.flashsale.events.Topics;
import java.time.Duration;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Registers products, adds restocked units and sets the rules of a product's sale (purchase limit, payment window),
 * each adjustment once by its eventId. It shares the stock store with
 * {@link OrderRequestProcessor}; both inputs are co-partitioned, so they meet in the same task and thread.
 */
final class StockAdjustmentProcessor implements Processor<byte[], byte[], String, Outcome> {

    static final String METRICS_ENTITY = "stock-adjustments";

    private final Duration dedupeRetention;
    private final Duration stockLevelInterval;
    private Intake<StockAdjustment> intake;
    private KeyValueStore<String, ProductStock> stocks;
    private RememberedIds applied;
    private StockLevels levels;

    StockAdjustmentProcessor(Duration dedupeRetention, Duration stockLevelInterval) {
        this.dedupeRetention = dedupeRetention;
        this.stockLevelInterval = stockLevelInterval;
    }

    @Override
    public void init(ProcessorContext<String, Outcome> context) {
        this.intake = Intake.keyedByProduct(context, Topics.STOCK_ADJUSTMENT_SERDE, StockAdjustment::productId,
                METRICS_ENTITY);
        this.stocks = context.getStateStore(InventoryStores.STOCK);
        this.applied = new RememberedIds(context, InventoryStores.APPLIED_ADJUSTMENTS, dedupeRetention);
        this.levels = new StockLevels(context, stockLevelInterval, context.metrics().addRateTotalSensor(
                Intake.METRICS_SCOPE, METRICS_ENTITY, Intake.STOCK_LEVEL_UPDATES, Sensor.RecordingLevel.INFO));
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        StockAdjustment adjustment = intake.admit(record);
        if (adjustment != null) {
            apply(record, adjustment);
        }
    }

    private void apply(Record<byte[], byte[]> record, StockAdjustment adjustment) {
        String eventId = adjustment.eventId().toString();
        if (applied.contains(eventId)) {
            intake.dropDuplicate("stock adjustment " + eventId);
            return;
        }
        String productKey = adjustment.productId().value();
        ProductStock current = stocks.get(productKey);
        ProductStock next;
        if (adjustment instanceof ProductStocked stocked) {
            if (current != null && current.stockedBy().equals(stocked.eventId())) {
                // Older than the dedupe retention, but the stock itself remembers who registered it.
                intake.dropDuplicate("stock adjustment " + eventId);
                return;
            }
            if (current != null) {
                // Counting it again would put units on sale that do not exist; resetting would resell sold ones.
                intake.deadLetter(record, PoisonReason.NOT_APPLICABLE, "product " + productKey
                        + " is already stocked (by event " + current.stockedBy() + "); use StockReplenished");
                return;
            }
            next = ProductStock.stocked(stocked);
        } else if (adjustment instanceof PurchaseLimitSet limit) {
            if (current == null) {
                intake.deadLetter(record, PoisonReason.NOT_APPLICABLE,
                        "cannot limit product " + productKey + ": it was never stocked");
                return;
            }
            // Accepted orders stay accepted under a lower limit; it only turns away the customer's next orders.
            stocks.put(productKey, current.limitedTo(limit.maxPerCustomer()));
            applied.remember(eventId, adjustment.getClass().getSimpleName());
            return;
        } else if (adjustment instanceof PaymentWindowSet window) {
            if (current == null) {
                intake.deadLetter(record, PoisonReason.NOT_APPLICABLE,
                        "cannot set the payment window of product " + productKey + ": it was never stocked");
                return;
            }
            // Orders already accepted keep their deadline; only orders reserved from now on get the new window.
            stocks.put(productKey, current.withPaymentWindow(window.paymentWindow()));
            applied.remember(eventId, adjustment.getClass().getSimpleName());
            return;
        } else if (adjustment instanceof StockReplenished replenished) {
            if (current == null) {
                intake.deadLetter(record, PoisonReason.NOT_APPLICABLE,
                        "cannot restock product " + productKey + ": it was never stocked");
                return;
            }
            try {
                next = current.replenish(replenished.delta());
            } catch (ProductStock.StockOverflowException e) {
                intake.deadLetter(record, PoisonReason.NOT_APPLICABLE, e.getMessage());
                return;
            }
        } else {
            intake.deadLetter(record, PoisonReason.UNKNOWN_EVENT_TYPE,
                    "no rule to apply " + adjustment.getClass().getSimpleName());
            return;
        }
        stocks.put(productKey, next);
        applied.remember(eventId, adjustment.getClass().getSimpleName());
        levels.adjusted(adjustment.productId(), next, record.timestamp());
    }
}
