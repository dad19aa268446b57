package dev.flashsale.chaos.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flashsale.chaos.check.ExpiryDeadlines.Span;
import dev.flashsale.chaos.check.ExpiryDeadlines.Stamped;
import dev.flashsale.chaos.fault.FaultKind;
import dev.flashsale.chaos.fault.InjectedFault;
import dev.flashsale.chaos.fault.PlannedFault;
import dev.flashsale.events.CustomerId;
import dev.flashsale.events.OrderId;
import dev.flashsale.events.OrderStatus;
import dev.flashsale.events.OrderStatusChanged;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The expiry check on hand-built logs. Times are true time (the broker's append); the processor's own clock, which
 * stamps the events, is ten minutes ahead here as a stepped clock would be, and the check must not care.
 */
class ExpiryDeadlinesTest {

    private static final Instant REQUESTED = Instant.parse("2026-12-06T09:00:00Z");
    private static final Duration PROCESSOR_AHEAD = Duration.ofMinutes(10);
    private static final Duration WINDOW = Duration.ofSeconds(6);

    private final Map<String, List<Stamped>> changes = new HashMap<>();
    private final List<Span> disruptions = new ArrayList<>();
    private final List<Span> clockSteps = new ArrayList<>();

    @Test
    void anOrderExpiredWithinOneCheckAfterItsDeadlineOrPaidBeforeItViolatesNothing() {
        expiredAfter("on-time", Duration.ofMillis(6_900));
        paidAfter("paid", Duration.ofSeconds(3));

        Check check = check();

        assertThat(check.violations()).isZero();
        assertThat(check.figure()).startsWith("1 expired");
        assertThat(check.figure()).contains("0 waited across a clock step");
    }

    @Test
    void findsAnOrderExpiredBeforeItsDeadlineInTrueTime() {
        expiredAfter("on-time", Duration.ofMillis(6_900));
        expiredAfter("early", Duration.ofSeconds(2));

        Check check = check();

        assertThat(check.violations()).isEqualTo(1);
        assertThat(check.examples()).singleElement().asString().startsWith("early expired 4.");
    }

    @Test
    void findsAnOrderLeftUnexpiredMoreThanOneCheckAfterItsDeadline() {
        expiredAfter("late", Duration.ofSeconds(6 + 1 + 2 + 1));
        paidAfter("paid-late", Duration.ofSeconds(40));

        Check check = check();

        assertThat(check.violations()).isEqualTo(2);
        assertThat(check.examples()).anyMatch(example -> example.startsWith("late still ACCEPTED"))
                .anyMatch(example -> example.startsWith("paid-late still ACCEPTED") && example.endsWith("PAID"));
    }

    @Test
    void excusesALateExpiryWhileAFaultStoppedTheProcessorButNeverAnEarlyOne() {
        expiredAfter("late", Duration.ofSeconds(30));
        expiredAfter("early", Duration.ofSeconds(1));
        disruptions.addAll(ExpiryDeadlines.disruptions(List.of(
                fault(FaultKind.KILL_PROCESSOR, Duration.ofSeconds(5), Duration.ofSeconds(12)),
                fault(FaultKind.CLOCK_BACK, Duration.ofSeconds(1), Duration.ofSeconds(60))), REQUESTED));

        clockSteps.addAll(ExpiryDeadlines.clockSteps(List.of(
                fault(FaultKind.CLOCK_BACK, Duration.ofSeconds(1), Duration.ofSeconds(60))), REQUESTED));

        Check check = check();

        assertThat(check.violations()).isEqualTo(1);
        assertThat(check.examples()).singleElement().asString().startsWith("early expired");
        assertThat(check.figure()).contains("2 waited across a clock step");
        assertThat(check.figure()).contains("(1 during faults that stop the processor)");
    }

    private Check check() {
        return new ExpiryDeadlines(changes, disruptions, clockSteps, 0).check();
    }

    /** Accepted 100 ms after its request; expired {@code after} the request, in true time. */
    private void expiredAfter(String orderId, Duration after) {
        changes.put(orderId, List.of(accepted(orderId), stamped(OrderStatusChanged.expired(new OrderId(orderId),
                new CustomerId("c-" + orderId), processorTime(after)), after)));
    }

    private void paidAfter(String orderId, Duration after) {
        OrderStatusChanged paid = new OrderStatusChanged(UUID.randomUUID(), new OrderId(orderId),
                new CustomerId("c-" + orderId), OrderStatus.PAID, processorTime(after), null, null,
                null, UUID.randomUUID(), "psp-" + orderId, 100L);
        changes.put(orderId, List.of(accepted(orderId), stamped(paid, after)));
    }

    private static Stamped accepted(String orderId) {
        Instant at = processorTime(Duration.ofMillis(100));
        return stamped(OrderStatusChanged.accepted(new OrderId(orderId), new CustomerId("c-" + orderId), at,
                at.plus(WINDOW), REQUESTED), Duration.ofMillis(100));
    }

    private static Stamped stamped(OrderStatusChanged change, Duration afterRequest) {
        return new Stamped(change, REQUESTED.plus(afterRequest));
    }

    private static Instant processorTime(Duration afterRequest) {
        return REQUESTED.plus(PROCESSOR_AHEAD).plus(afterRequest);
    }

    private static InjectedFault fault(FaultKind kind, Duration startedAt, Duration recovery) {
        return new InjectedFault(new PlannedFault(startedAt, kind, Duration.ofSeconds(2)), startedAt, recovery, null);
    }
}
