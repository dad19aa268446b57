package dev.flashsale.api.order;

import dev.flashsale.api.order.status.Decision;
import dev.flashsale.api.order.status.StatusReached;
import dev.flashsale.events.CustomerId;
import dev.flashsale.events.OrderId;
import dev.flashsale.events.OrderLineRequested;
import dev.flashsale.events.OrderPartitions;
import dev.flashsale.events.OrderStatus;
import dev.flashsale.events.ProductId;
import dev.flashsale.events.RandomIds;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An order as the read model knows it, with its lines.
 *
 * @param reason         why it was rejected: a {@code RejectionReason} name, kept as text so that reasons added
 *                       later are shown rather than refused
 * @param idempotencyKey the client's key for retries, unique per customer; null if none was given, or once it has
 *                       been kept for its retention period
 * @param requestFingerprint SHA-256 of the request the key was first used with ({@link PlaceOrder#fingerprint()}), so
 *                       that a key reused for another request is recognised; null without a key
 * @param published      whether the order is known to be in the log: marked when a line's result is projected, or
 *                       when a retry or the unpublished-order sweeper sent it again; false from its placement until then
 * @param total          what the buyer owes: the sum of quantity times unit price over the lines, in minor units.
 *                       Computed from the catalog, whose prices never change, not stored with the order
 * @param paymentDeadline   ACCEPTED (and after): when it expires unless paid; null without a deadline
 * @param rejectedProductId REJECTED: the product of the line that was refused first
 * @param paymentReference  PAID: the payment provider's reference
 * @param paidAmount        PAID: the amount paid, in minor units
 * @param history        every status the order reached, PENDING (at {@code createdAt}) first, in order
 */
public record Order(
        OrderId orderId,
        CustomerId customerId,
        OrderStatus status,
        String reason,
        String idempotencyKey,
        String requestFingerprint,
        boolean published,
        Instant createdAt,
        Instant updatedAt,
        List<OrderLine> lines,
        long total,
        Instant paymentDeadline,
        ProductId rejectedProductId,
        String paymentReference,
        Long paidAmount,
        List<StatusReached> history) {

    public Order {
        lines = List.copyOf(lines);
        history = List.copyOf(history);
    }

    /** A PENDING order, as placed, with nothing decided yet. */
    Order(OrderId orderId, CustomerId customerId, String idempotencyKey, String requestFingerprint, boolean published,
            Instant createdAt, List<OrderLine> lines, long total) {
        this(orderId, customerId, OrderStatus.PENDING, null, idempotencyKey, requestFingerprint, published, createdAt,
                createdAt, lines, total, null, null, null, null,
                List.of(new StatusReached(OrderStatus.PENDING, createdAt)));
    }

    /** @param total the order's total at the catalog's prices */
    public static Order place(PlaceOrder command, long total, Instant now) {
        return place(command, total, now, 0);
    }

    /**
     * @param total      the order's total at the catalog's prices
     * @param partitions partitions of the order and product topics, if known (else 0): the order's ID then falls on
     *                   its first product's partition, where the processor decides that line and the order together
     *                   ({@link OrderPartitions})
     */
    public static Order place(PlaceOrder command, long total, Instant now, int partitions) {
        List<OrderLine> lines = command.lines().stream()
                .map(line -> new OrderLine(line.productId(), line.quantity()))
                .toList();
        OrderId orderId = partitions > 0
                ? OrderPartitions.orderIdOnPartitionOf(command.lines().get(0).productId(), partitions)
                : OrderId.random();
        return new Order(orderId, command.customerId(), command.idempotencyKey(),
                command.idempotencyKey() == null ? null : command.fingerprint(), false, now, lines, total);
    }

    Order asPublished() {
        return new Order(orderId, customerId, status, reason, idempotencyKey, requestFingerprint, true, createdAt,
                updatedAt, lines, total, paymentDeadline, rejectedProductId, paymentReference, paidAmount, history);
    }

    /**
     * This order with where Kafka wrote its lines' requests.
     *
     * @param offsets one per line, in the order of the lines (as {@link #requests()} has them)
     */
    public Order requestedAt(List<RequestOffset> offsets) {
        List<OrderLine> placed = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            OrderLine line = lines.get(i);
            placed.add(new OrderLine(line.productId(), line.quantity(), offsets.get(i)));
        }
        return new Order(orderId, customerId, status, reason, idempotencyKey, requestFingerprint, published, createdAt,
                updatedAt, placed, total, paymentDeadline, rejectedProductId, paymentReference, paidAmount, history);
    }

    /**
     * This order after the change, if the change moves it forward; else unchanged, as the read model keeps it: a final
     * status is final, and a late ACCEPTED does not overwrite PAID.
     */
    public Order decided(Decision decision) {
        if (decision.status().step() <= status.step()) {
            return this;
        }
        List<StatusReached> reached = new ArrayList<>(history);
        reached.add(new StatusReached(decision.status(), decision.decidedAt()));
        return new Order(orderId, customerId, decision.status(), decision.reason() != null ? decision.reason() : reason,
                idempotencyKey, requestFingerprint, true, createdAt, decision.decidedAt(), lines, total,
                decision.paymentDeadline() != null ? decision.paymentDeadline() : paymentDeadline,
                decision.rejectedProductId() != null ? decision.rejectedProductId() : rejectedProductId,
                decision.paymentReference(), decision.amount(), reached);
    }
    public boolean isPending() {
        return status == OrderStatus.PENDING;
    }

    boolean belongsTo(CustomerId customer) {
        return customerId.equals(customer);
    }

    /** Whether a retry with this order's Idempotency-Key asks for the same thing; rows older than V2 cannot tell. */
    public boolean wasPlacedBy(PlaceOrder retry) {
        return requestFingerprint == null || requestFingerprint.equals(retry.fingerprint());
    }

    /**
     * The events that ask the processor to decide this order, one per line, each telling how many lines there are. A
     * re-send keeps the order id and gets new event ids; the processor decides each order id once. They carry the Idempotency-Key so that a rebuild of
     * the read model from the log restores it (the fingerprint is computed again from the lines).
     */
    List<OrderLineRequested> requests() {
        return lines.stream()
                .map(line -> new OrderLineRequested(RandomIds.uuid(), orderId, customerId, line.productId(),
                        line.quantity(), createdAt, idempotencyKey, lines.size()))
                .toList();
    }
}
