package dev.flashsale.api.order.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flashsale.api.order.Order;
import dev.flashsale.api.order.OrderLine;
import dev.flashsale.api.order.queue.LinePlace;
import dev.flashsale.events.CustomerId;
import dev.flashsale.events.OrderId;
import dev.flashsale.events.OrderStatus;
import dev.flashsale.events.ProductId;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusEventTest {

    private static final Instant PLACED = Instant.parse("2026-12-06T08:00:00Z");
    private static final Instant ACCEPTED_AT = PLACED.plusMillis(20);
    private static final Instant DEADLINE = ACCEPTED_AT.plusSeconds(600);
    private static final Instant PAID_AT = PLACED.plusSeconds(30);

    @Test
    void aNewClientGetsTheStatusTheOrderHasNowWithItsDetails() {
        Order accepted = order(OrderStatus.ACCEPTED, null, step(OrderStatus.PENDING, PLACED),
                step(OrderStatus.ACCEPTED, ACCEPTED_AT));

        List<StatusEvent> events = StatusEvent.since(accepted, null, List.of());

        assertThat(events).containsExactly(new StatusEvent("o-1", OrderStatus.ACCEPTED, ACCEPTED_AT, false, DEADLINE,
                null, null, null, null, null));
    }

    @Test
    void aReconnectingClientGetsEveryStatusReachedSinceItsLastEventInOrder() {
        Order paid = order(OrderStatus.PAID, null, step(OrderStatus.PENDING, PLACED),
                step(OrderStatus.ACCEPTED, ACCEPTED_AT), step(OrderStatus.PAID, PAID_AT));

        List<StatusEvent> events = StatusEvent.since(paid, OrderStatus.PENDING, List.of());

        assertThat(events).containsExactly(
                new StatusEvent("o-1", OrderStatus.ACCEPTED, ACCEPTED_AT, false, DEADLINE, null, null, null, null, null),
                new StatusEvent("o-1", OrderStatus.PAID, PAID_AT, true, null, null, null, "psp-1", 1_500L, null));
    }

    @Test
    void aReconnectingClientThatMissedNothingGetsNothing() {
        Order accepted = order(OrderStatus.ACCEPTED, null, step(OrderStatus.PENDING, PLACED),
                step(OrderStatus.ACCEPTED, ACCEPTED_AT));

        assertThat(StatusEvent.since(accepted, OrderStatus.ACCEPTED, List.of())).isEmpty();
    }

    @Test
    void aRejectionIsFinalAndSaysWhyAndWhichProduct() {
        Order rejected = order(OrderStatus.REJECTED, "OUT_OF_STOCK", step(OrderStatus.PENDING, PLACED),
                step(OrderStatus.REJECTED, ACCEPTED_AT));

        List<StatusEvent> events = StatusEvent.since(rejected, OrderStatus.PENDING, List.of());

        assertThat(events).containsExactly(new StatusEvent("o-1", OrderStatus.REJECTED, ACCEPTED_AT, true, null,
                "OUT_OF_STOCK", "p-1", null, null, null));
    }

    @Test
    void aPendingEventCarriesTheOrdersPlacesInLine() {
        Order pending = order(OrderStatus.PENDING, null, step(OrderStatus.PENDING, PLACED));
        List<LinePlace> places = List.of(new LinePlace("p-1", 42, 0.5));

        List<StatusEvent> events = StatusEvent.since(pending, null, places);

        assertThat(events).extracting(StatusEvent::placeInLine).containsExactly(places);
    }

    @Test
    void onlyAPendingEventCarriesPlacesInLine() {
        Order accepted = order(OrderStatus.ACCEPTED, null, step(OrderStatus.PENDING, PLACED),
                step(OrderStatus.ACCEPTED, ACCEPTED_AT));

        List<StatusEvent> events = StatusEvent.since(accepted, OrderStatus.PENDING,
                List.of(new LinePlace("p-1", 0, null)));

        assertThat(events).extracting(StatusEvent::placeInLine).containsOnlyNulls();
    }

    private static StatusReached step(OrderStatus status, Instant at) {
        return new StatusReached(status, at);
    }

    /** An order with every detail a status could show, so that each event must pick its own. */
    private static Order order(OrderStatus status, String reason, StatusReached... history) {
        return new Order(new OrderId("o-1"), new CustomerId("c-1"), status, reason, null, null, true, PLACED,
                history[history.length - 1].at(), List.of(new OrderLine(new ProductId("p-1"), 1)), 1_500, DEADLINE,
                new ProductId("p-1"), "psp-1", 1_500L, Arrays.asList(history));
    }
}
