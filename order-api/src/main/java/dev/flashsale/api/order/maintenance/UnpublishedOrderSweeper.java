package dev.flashsale.api.order.maintenance;

import dev.flashsale.api.kafka.PublishFailedException;
import dev.flashsale.api.kafka.PublishSettings;
import dev.flashsale.api.order.Order;
import dev.flashsale.api.order.OrderService;
import dev.flashsale.api.order.readmodel.OrderRepository;
import dev.flashsale.events.OrderId;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes again the orders recorded but never marked published: an API instance died between inserting the row and
 * hearing Kafka's acknowledgement ({@link OrderService#place}), and the buyer did not retry with the same
 * Idempotency-Key, which would have published it ({@code OrderService.replay}). Left alone, such a row stays PENDING
 * forever. The request path does not mark a row it published (that would be a second statement per order); a row is
 * marked when the first result of one of its lines is projected. So an order still undecided after the grace (the
 * processor is down or far behind) is sent again here too, once: harmless, the processor drops the copy.
 *
 * <p>Why republish rather than delete: the row may or may not be in the log. If Kafka did acknowledge the request
 * before the crash, the processor decides it whatever the read model says, and deleting the row would lose the
 * Idempotency-Key of an order that exists (a retry would then place a second one). Republishing with the same order
 * ID is safe either way: the processor decides each order ID once (its store of decided IDs drops the re-send, for
 * {@code INVENTORY_DEDUPE_RETENTION}, 7 days by default), so the read model and the log converge on one decision.
 * The buyer who got no 202 and retries with the same key gets this order; one who retries without a key may get a
 * second order, as if the first request had landed, which it may have.
 *
 * <p>Only rows older than {@code flashsale.unpublished-orders.grace} are taken, which is longer than the publish
 * timeout: a younger row may belong to a request still waiting for its acknowledgement, which deletes the row if Kafka
 * refuses. Safe with several API instances: rows are locked {@code FOR UPDATE SKIP LOCKED}, so each is taken by one
 * sweeper at a time, and marked published in the same transaction. A request thread that marks or deletes the row
 * meanwhile waits for that transaction, then finds it published. The transaction holds one connection while Kafka
 * acknowledges, which a periodic sweep of a few rows can afford (the request path cannot, hence its two steps).
 */
@Component
class UnpublishedOrderSweeper {

    private static final Logger log = LoggerFactory.getLogger(UnpublishedOrderSweeper.class);

    private final OrderRepository orders;
    private final TransactionTemplate transactions;
    private final OrderService placement;
    private final UnpublishedOrderSettings settings;
    private final Clock clock;

    UnpublishedOrderSweeper(OrderRepository orders, PlatformTransactionManager transactionManager,
            OrderService placement, UnpublishedOrderSettings settings, PublishSettings publish, Clock clock) {
        if (settings.grace().compareTo(publish.timeout()) <= 0) {
            throw new IllegalArgumentException("flashsale.unpublished-orders.grace (" + settings.grace()
                    + ") must be longer than flashsale.publish.timeout (" + publish.timeout() + ")");
        }
        this.orders = orders;
        this.transactions = new TransactionTemplate(transactionManager);
        this.placement = placement;
        this.settings = settings;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${flashsale.unpublished-orders.sweep-interval}",
            initialDelayString = "${flashsale.unpublished-orders.sweep-interval}")
    void sweep() {
        int published;
        do {
            published = publishDueBatch();
        } while (published == settings.batchSize());
    }

    /** One transaction: take a batch of due orders, publish them, mark those Kafka acknowledged. */
    int publishDueBatch() {
        Integer published = transactions.execute(status -> {
            List<Order> due = orders.lockUnpublishedPlacedBefore(clock.instant().minus(settings.grace()),
                    settings.batchSize());
            List<OrderId> acknowledged = new ArrayList<>();
            try {
                for (Order order : due) {
                    placement.publish(order);
                    acknowledged.add(order.orderId());
                }
            } catch (PublishFailedException e) {
                // The rest stay unpublished for the next sweep; those acknowledged are marked below.
                log.warn("Kafka did not acknowledge an unpublished order; {} of {} republished, the rest wait for "
                        + "the next sweep", acknowledged.size(), due.size());
            }
            if (!acknowledged.isEmpty()) {
                orders.markPublished(acknowledged);
                log.info("Published {} orders that an API instance had recorded but not published: {}",
                        acknowledged.size(), acknowledged);
            }
            return acknowledged.size() == due.size() ? due.size() : 0;
        });
        return published == null ? 0 : published;
    }
}
