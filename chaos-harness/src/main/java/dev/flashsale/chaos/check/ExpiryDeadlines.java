package dev.flashsale.chaos.check;

import dev.flashsale.chaos.fault.FaultKind;
import dev.flashsale.chaos.fault.InjectedFault;
import dev.flashsale.chaos.system.Brokers;
import dev.flashsale.events.OrderStatus;
import dev.flashsale.events.OrderStatusChanged;
import dev.flashsale.events.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.record.TimestampType;

/**
 * Whether orders expire on time in true time, whatever the processor's own clock says: no order expires before its
 * payment deadline, and none stays ACCEPTED (unpaid, uncancelled, unexpired) more than one expiry check and some
 * slack after it, but while a fault stops or moves the processor.
 * <p>
 * True time is the machine's clock, which the broker, the order API and the harness share and the processor's clock
 * steps do not touch: the broker stamps every {@code flashsale.order-lifecycle} record with its own time when it
 * appends it ({@code message.timestamp.type=LogAppendTime}, set by {@link Brokers#stampWithAppendTime}), after the decision
 * and before its commit. An order's window is its ACCEPTED event's deadline minus its time, both on the processor's
 * clock at one instant. The deadline in true time is no earlier than the request's time at the order API
 * ({@code requestedAt}) plus the window, so an EXPIRED appended before that expired early, surely; and no later than
 * the ACCEPTED's append plus the window, so a final status appended more than {@link #CHECK_INTERVAL} +
 * {@link #SLACK} after that came late.
 *
 * @param changes     each order's status changes with the broker's time of each, in log order
 * @param disruptions spans of true time in which the processor may fairly fall behind (killed, rebalanced, its
 *                    broker restarted), each with the time it takes to catch up afterwards
 * @param clockSteps  spans of true time in which the processor's wall clock was stepped, to count the orders that
 *                    waited for their deadline across a step
 * @param unstamped   status changes not stamped by the broker (appended before {@link Brokers#stampWithAppendTime}), left out
 */
public record ExpiryDeadlines(Map<String, List<Stamped>> changes, List<Span> disruptions, List<Span> clockSteps,
        long unstamped) {

    /** The processor's expiry check interval: its default, which the harness keeps. */
    public static final Duration CHECK_INTERVAL = Duration.ofSeconds(1);
    /**
     * For the proposal's trip through the order commands (its commit and fetch, tens of milliseconds), the commit of
     * the expiry, the append after the decision, a loaded machine.
     */
    public static final Duration SLACK = Duration.ofSeconds(2);
    /** Kafka Streams stamps a decision with the time it read at the start of its loop: a little before. */
    public static final Duration EARLY_TOLERANCE = Duration.ofMillis(500);

    /** How long a processor that came back, or lost and regained partitions, may take to catch up. */
    public static final Duration CATCH_UP = Duration.ofSeconds(15);

    private static final Set<FaultKind> LEAVE_THE_PROCESSOR_RUNNING = EnumSet.of(FaultKind.KILL_API,
            FaultKind.RESTART_POSTGRES, FaultKind.CUT_POSTGRES, FaultKind.RESEND, FaultKind.CLOCK_FORWARD,
            FaultKind.CLOCK_BACK, FaultKind.PARTITION_API);

    private static final Set<FaultKind> CLOCK_STEPS = EnumSet.of(FaultKind.CLOCK_FORWARD, FaultKind.CLOCK_BACK);

    /** A status change and when the broker appended it. */
    public record Stamped(OrderStatusChanged change, Instant appendedAt) {
    }

    /** A span of true time. */
    public record Span(Instant from, Instant to) {

        boolean overlaps(Instant start, Instant end) {
            return !from.isAfter(end) && !to.isBefore(start);
        }
    }

    /**
     * The spans in which the round's faults stopped or moved the processor's work, each until {@link #CATCH_UP} after
     * it recovered: every kind but those known to leave the processor running, so that a kind added later counts as
     * disruptive until it is known not to be.
     */
    public static List<Span> disruptions(List<InjectedFault> faults, Instant saleStartedAt) {
        return faults.stream().filter(fault -> !LEAVE_THE_PROCESSOR_RUNNING.contains(fault.planned().kind()))
                .map(fault -> new Span(saleStartedAt.plus(fault.startedAt()),
                        saleStartedAt.plus(fault.startedAt()).plus(fault.recovery()).plus(CATCH_UP)))
                .toList();
    }

    /** The spans in which the round's clock faults had the processor's wall clock stepped. */
    public static List<Span> clockSteps(List<InjectedFault> faults, Instant saleStartedAt) {
        return faults.stream().filter(fault -> CLOCK_STEPS.contains(fault.planned().kind()))
                .map(fault -> new Span(saleStartedAt.plus(fault.startedAt()),
                        saleStartedAt.plus(fault.startedAt()).plus(fault.recovery())))
                .toList();
    }

    /** The status changes of {@code orderIds}, read from the beginning ({@code read_committed}). */
    public static ExpiryDeadlines read(String bootstrapServers, Set<String> orderIds, List<Span> disruptions,
            List<Span> clockSteps) {
        Map<String, List<Stamped>> changes = new HashMap<>();
        AtomicLong unstamped = new AtomicLong();
        try (KafkaConsumer<String, byte[]> consumer = LogSnapshot.consumer(bootstrapServers)) {
            LogSnapshot.readAll(consumer, Topics.ORDER_LIFECYCLE.name(), record -> {
                if (!orderIds.contains(record.key())) {
                    return;
                }
                if (record.timestampType() != TimestampType.LOG_APPEND_TIME) {
                    unstamped.incrementAndGet();
                    return;
                }
                if (Topics.ORDER_LIFECYCLE_SERDE.decode(record.headers(), record.value())
                        instanceof OrderStatusChanged change) {
                    changes.computeIfAbsent(record.key(), id -> new ArrayList<>())
                            .add(new Stamped(change, Instant.ofEpochMilli(record.timestamp())));
                }
            });
        }
        return new ExpiryDeadlines(changes, disruptions, clockSteps, unstamped.get());
    }

    public Check check() {
        List<String> early = new ArrayList<>();
        List<String> late = new ArrayList<>();
        long expired = 0;
        long judged = 0;
        long excused = 0;
        long acrossSteps = 0;
        Duration earliestMargin = null;
        Duration latestOverdue = null;
        for (Map.Entry<String, List<Stamped>> order : changes.entrySet()) {
            Stamped accepted = accepted(order.getValue());
            if (accepted == null || accepted.change().paymentDeadline() == null) {
                continue;
            }
            Duration window = Duration.between(accepted.change().occurredAt(), accepted.change().paymentDeadline());
            Stamped next = finalAfter(order.getValue(), accepted);
            if (next == null) {
                continue; // never final: the check of final statuses reports it
            }
            Instant requestedAt = accepted.change().requestedAt();
            if (next.change().status() == OrderStatus.EXPIRED && requestedAt != null) {
                expired++;
                Duration margin = Duration.between(requestedAt.plus(window), next.appendedAt());
                earliestMargin = earliestMargin == null || margin.compareTo(earliestMargin) < 0 ? margin
                        : earliestMargin;
                if (margin.compareTo(EARLY_TOLERANCE.negated()) < 0) {
                    early.add(order.getKey() + " expired " + seconds(margin.negated()) + " before its deadline ("
                            + seconds(window) + " window from its request)");
                }
            }
            if (clockSteps.stream().anyMatch(span -> span.overlaps(accepted.appendedAt(), next.appendedAt()))) {
                acrossSteps++;
            }
            Instant due = accepted.appendedAt().plus(window);
            Duration overdue = Duration.between(due, next.appendedAt());
            if (disruptions.stream().anyMatch(span -> span.overlaps(due, next.appendedAt()))) {
                excused++;
                continue;
            }
            judged++;
            latestOverdue = latestOverdue == null || overdue.compareTo(latestOverdue) > 0 ? overdue : latestOverdue;
            if (overdue.compareTo(CHECK_INTERVAL.plus(SLACK)) > 0) {
                late.add(order.getKey() + " still ACCEPTED " + seconds(overdue) + " after its deadline, then "
                        + next.change().status());
            }
        }
        List<String> offenders = new ArrayList<>(early);
        offenders.addAll(late);
        String figure = String.format("%d expired, earliest %s after request+window; %d judged for lateness, latest %s"
                + " after deadline (%d during faults that stop the processor); %d waited across a clock step%s",
                expired, earliestMargin == null ? "-" : seconds(earliestMargin), judged,
                latestOverdue == null ? "-" : seconds(latestOverdue), excused, acrossSteps,
                unstamped == 0 ? "" : "; " + unstamped + " changes without the broker's time");
        return Check.of("expired before the deadline, or unexpired > deadline + " + seconds(CHECK_INTERVAL) + " + "
                + seconds(SLACK) + " (true time)", figure, offenders);
    }

    private static Stamped accepted(List<Stamped> changes) {
        return changes.stream().filter(stamped -> stamped.change().status() == OrderStatus.ACCEPTED).findFirst()
                .orElse(null);
    }

    /** The order's final status after its acceptance; null if it has none yet. */
    private static Stamped finalAfter(List<Stamped> changes, Stamped accepted) {
        return changes.subList(changes.indexOf(accepted) + 1, changes.size()).stream()
                .filter(stamped -> stamped.change().status().isFinal()).findFirst().orElse(null);
    }

    private static String seconds(Duration duration) {
        return String.format("%.3fs", duration.toMillis() / 1000.0);
    }
}
