package dev.flashsale.inventory.topology;

import dev.flashsale.events.CancellationRequested;
import dev.flashsale.events.CustomerId;
import dev.flashsale.events.OrderAccepted;
import dev.flashsale.events.OrderCommandRefused;
import dev.flashsale.events.OrderId;
import dev.flashsale.events.OrderLifecycleEvent;
import dev.flashsale.events.OrderRejected;
import dev.flashsale.events.OrderResult;
import dev.flashsale.events.OrderStatus;
import dev.flashsale.events.OrderStatusChanged;
import dev.flashsale.events.PaymentSubmitted;
import dev.flashsale.events.ProductId;
import dev.flashsale.events.ReleaseCause;
import dev.flashsale.events.UnitsReleased;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One order as the order aggregator keeps it in its store. Every move goes through a method that checks the status
 * and returns the {@link Change} it causes: the next progress, the lifecycle events and the releases. A line is marked
 * released in the same next progress that carries its {@link UnitsReleased}, so that, stored and sent in one
 * transaction, every reserved line is released once and only once.
 *
 * @param lineCount       the order's number of lines as its results say; null while only a cancellation was heard
 * @param lines           product ID to the result of that line, in the order the results came
 * @param paymentDeadline when an {@code ACCEPTED} order expires unless paid; null for orders without one (a line
 *                        reserved before payment windows existed) and before acceptance
 * @param decidedBy       the command that paid or cancelled the order, so that a re-sent copy is recognised
 * @param paymentReference {@code PAID} only
 * @param amount          {@code PAID} only
 * @param requestedAt     when the order API accepted the order's request, from its first line result; null while
 *                        only a cancellation was heard
 */
record OrderProgress(
        OrderId orderId,
        CustomerId customerId,
        Integer lineCount,
        OrderStatus status,
        Map<String, Line> lines,
        Instant paymentDeadline,
        UUID decidedBy,
        String paymentReference,
        Long amount,
        Instant requestedAt) {

    OrderProgress {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(status, "status");
        lines = Collections.unmodifiableMap(new LinkedHashMap<>(lines == null ? Map.of() : lines));
    }

    /**
     * One line's result.
     *
     * @param reserved      whether the line was accepted, so that it holds units until paid or released
     * @param paymentWindow the product's window when the line was reserved; null for lines reserved before windows
     * @param released      whether its units went back on sale
     */
    record Line(int quantity, boolean reserved, Duration paymentWindow, boolean released) {

        static Line of(OrderResult result) {
            Duration window = result instanceof OrderAccepted accepted ? accepted.paymentWindow() : null;
            return new Line(result.quantity(), result instanceof OrderAccepted, window, false);
        }

        boolean holdsUnits() {
            return reserved && !released;
        }

        Line markReleased() {
            return new Line(quantity, reserved, paymentWindow, true);
        }
    }

    /** What a move did: the progress to store, the events to publish, and the lines to release. */
    record Change(OrderProgress progress, List<OrderLifecycleEvent> events, List<UnitsReleased> releases) {

        Change {
            events = List.copyOf(events);
            releases = List.copyOf(releases);
        }

        static Change to(OrderProgress progress, OrderLifecycleEvent... events) {
            return new Change(progress, List.of(events), List.of());
        }
    }

    /** An order nothing has been decided on yet. */
    static OrderProgress pending(OrderId orderId, CustomerId customerId, Integer lineCount) {
        return new OrderProgress(orderId, customerId, lineCount, OrderStatus.PENDING, Map.of(), null, null, null,
                null, null);
    }

    boolean hasHeardOf(ProductId product) {
        return lines.containsKey(product.value());
    }

    /** Whether {@code commandId} is the command that already paid or cancelled the order. */
    boolean wasDecidedBy(UUID commandId) {
        return commandId.equals(decidedBy);
    }

    /**
     * Whether nothing more can change the order: a final status, and every line's result heard of (a late line of a
     * rejected or cancelled order would still have to be released).
     */
    boolean isOver() {
        return status.isFinal() && lineCount != null && lines.size() >= lineCount;
    }

    /** Whether the order is accepted, unpaid, and has a deadline to expire at. */
    boolean awaitsPaymentByDeadline() {
        return status == OrderStatus.ACCEPTED && paymentDeadline != null;
    }

    /**
     * Takes in the result of a line not heard of before. While the order is pending, a rejection rejects the whole
     * order and releases what its other lines reserved; the last acceptance accepts it with the earliest deadline of
     * its lines. A line reserved after the order was decided otherwise is released at once.
     */
    Change record(OrderResult result, Instant now) {
        if (hasHeardOf(result.productId())) {
            throw new IllegalStateException("order " + orderId + " already has a result for " + result.productId());
        }
        if (requestedAt == null) {
            // Every line of an order carries the time its request was accepted; the first one heard of tells it.
            return new OrderProgress(orderId, customerId, lineCount, status, lines, paymentDeadline, decidedBy,
                    paymentReference, amount, result.requestedAt()).record(result, now);
        }
        Map<String, Line> next = new LinkedHashMap<>(lines);
        next.put(result.productId().value(), Line.of(result));
        Integer count = lineCount == null ? Integer.valueOf(result.lines()) : lineCount;
        if (status != OrderStatus.PENDING) {
            // Rejected, cancelled or expired: no one will pay for these units. Accepted or paid cannot be told a line
            // more than its count, but if a request ever said so, its units would otherwise be held for ever.
            if (!(result instanceof OrderAccepted)) {
                return Change.to(with(count, status, next));
            }
            next.put(result.productId().value(), Line.of(result).markReleased());
            UnitsReleased release = release(result.productId(), result.customerId(), result.quantity(),
                    causeOfRelease(), now);
            return new Change(with(count, status, next), List.of(), List.of(release));
        }
        if (result instanceof OrderRejected rejected) {
            OrderProgress rejectedOrder = with(count, OrderStatus.REJECTED, next);
            return rejectedOrder.releasingAll(ReleaseCause.ORDER_REJECTED, now,
                    OrderStatusChanged.rejected(orderId, customerId, now, rejected.reason(), rejected.productId(),
                            requestedAt));
        }
        int reserved = 0;
        for (Line line : next.values()) {
            reserved += line.reserved() ? 1 : 0;
        }
        if (reserved < count) {
            return Change.to(with(count, OrderStatus.PENDING, next));
        }
        Instant deadline = deadline(next, now);
        OrderProgress accepted = new OrderProgress(orderId, customerId, count, OrderStatus.ACCEPTED, next, deadline,
                null, null, null, requestedAt);
        return Change.to(accepted, OrderStatusChanged.accepted(orderId, customerId, now, deadline, requestedAt));
    }

    /**
     * Pays an accepted order before its deadline. A payment that comes after the deadline, before the expiry check
     * got to the order, expires it here: the deadline is the rule, not the moment the check runs.
     */
    Change pay(PaymentSubmitted payment, Instant now) {
        if (status != OrderStatus.ACCEPTED) {
            return Change.to(this, OrderCommandRefused.of(payment, status, now));
        }
        if (isOverdue(now)) {
            Change expiry = expire(now);
            List<OrderLifecycleEvent> events = new ArrayList<>(expiry.events());
            events.add(OrderCommandRefused.of(payment, OrderStatus.EXPIRED, now));
            return new Change(expiry.progress(), events, expiry.releases());
        }
        OrderProgress paid = new OrderProgress(orderId, customerId, lineCount, OrderStatus.PAID, lines,
                paymentDeadline, payment.eventId(), payment.paymentReference(), payment.amount(), requestedAt);
        return Change.to(paid, OrderStatusChanged.paid(payment, now));
    }

    /** Cancels a pending or accepted order and releases every line reserved so far. */
    Change cancel(CancellationRequested cancellation, Instant now) {
        if (!status.canBeCancelled()) {
            return Change.to(this, OrderCommandRefused.of(cancellation, status, now));
        }
        OrderProgress cancelled = new OrderProgress(orderId, customerId, lineCount, OrderStatus.CANCELLED, lines,
                paymentDeadline, cancellation.eventId(), null, null, requestedAt);
        return cancelled.releasingAll(ReleaseCause.CANCELLED, now,
                OrderStatusChanged.cancelled(orderId, customerId, now, cancellation.eventId()));
    }

    /** Whether the order is accepted, unpaid, and its deadline has passed by {@code now}. */
    boolean expiresBy(Instant now) {
        return status == OrderStatus.ACCEPTED && isOverdue(now);
    }

    /** Expires an accepted order whose deadline has passed; any other order is left as it is. */
    Change expire(Instant now) {
        if (!expiresBy(now)) {
            return Change.to(this);
        }
        OrderProgress expired = with(lineCount, OrderStatus.EXPIRED, lines);
        return expired.releasingAll(ReleaseCause.EXPIRED, now, OrderStatusChanged.expired(orderId, customerId, now));
    }

    private boolean isOverdue(Instant now) {
        return paymentDeadline != null && !now.isBefore(paymentDeadline);
    }

    private Change releasingAll(ReleaseCause cause, Instant now, OrderLifecycleEvent event) {
        Map<String, Line> next = new LinkedHashMap<>(lines);
        List<UnitsReleased> releases = new ArrayList<>();
        lines.forEach((product, line) -> {
            if (line.holdsUnits()) {
                releases.add(release(new ProductId(product), customerId, line.quantity(), cause, now));
                next.put(product, line.markReleased());
            }
        });
        return new Change(with(lineCount, status, next), List.of(event), releases);
    }

    /** A line is released once; should its release ever be made twice, both carry the same event ID. */
    private UnitsReleased release(ProductId product, CustomerId customer, int quantity, ReleaseCause cause,
            Instant now) {
        return new UnitsReleased(releaseId(orderId, product), orderId, customer, product, quantity, cause, now);
    }

    static UUID releaseId(OrderId order, ProductId product) {
        String name = "released:" + order.value() + ":" + product.value();
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }

    private ReleaseCause causeOfRelease() {
        return switch (status) {
            case CANCELLED -> ReleaseCause.CANCELLED;
            case EXPIRED -> ReleaseCause.EXPIRED;
            default -> ReleaseCause.ORDER_REJECTED;
        };
    }

    /** The earliest deadline of the lines; none if any line was reserved before payment windows existed. */
    private static Instant deadline(Map<String, Line> lines, Instant now) {
        Duration shortest = null;
        for (Line line : lines.values()) {
            if (line.paymentWindow() == null) {
                return null;
            }
            if (shortest == null || line.paymentWindow().compareTo(shortest) < 0) {
                shortest = line.paymentWindow();
            }
        }
        return shortest == null ? null : now.plus(shortest);
    }

    private OrderProgress with(Integer count, OrderStatus nextStatus, Map<String, Line> nextLines) {
        return new OrderProgress(orderId, customerId, count, nextStatus, nextLines, paymentDeadline, decidedBy,
                paymentReference, amount, requestedAt);
    }
}
