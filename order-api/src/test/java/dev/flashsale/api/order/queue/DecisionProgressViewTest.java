package dev.flashsale.api.order.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flashsale.api.order.Order;
import dev.flashsale.api.order.OrderLine;
import dev.flashsale.api.order.RequestOffset;
import dev.flashsale.api.order.status.StatusReached;
import dev.flashsale.events.CustomerId;
import dev.flashsale.events.DecisionProgress;
import dev.flashsale.events.OrderId;
import dev.flashsale.events.OrderStatus;
import dev.flashsale.events.ProductId;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DecisionProgressViewTest {

    private static final Instant NOW = Instant.parse("2026-12-12T00:00:10Z");

    private final DecisionProgressView view = new DecisionProgressView(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void placesEachPendingLineAgainstItsPartitionsProgress() {
        view.apply(List.of(progress(0, 100, 50.0, NOW), progress(1, 7, 10.0, NOW)));

        List<LinePlace> places = view.placesOf(pending(
                new OrderLine(new ProductId("p-a"), 1, new RequestOffset(0, 119)),
                new OrderLine(new ProductId("p-b"), 2, new RequestOffset(1, 3))));

        assertThat(places).containsExactly(new LinePlace("p-a", 20, 0.4), new LinePlace("p-b", 0, null));
    }

    @Test
    void keepsTheHighestOffsetOfAPartitionSoAPlaceNeverGoesUp() {
        Order order = pending(new OrderLine(new ProductId("p-a"), 1, new RequestOffset(0, 119)));
        view.apply(List.of(progress(0, 110, 50.0, NOW)));

        view.apply(List.of(progress(0, 100, 50.0, NOW)));

        assertThat(view.placesOf(order)).extracting(LinePlace::position).containsExactly(10L);
    }

    @Test
    void estimatesNoWaitWhileTheProcessorIsNotDeciding() {
        view.apply(List.of(progress(0, 100, 50.0, NOW.minus(DecisionProgressView.STALLED_AFTER).minusMillis(1)),
                progress(1, 100, 0.0, NOW)));

        List<LinePlace> places = view.placesOf(pending(
                new OrderLine(new ProductId("p-a"), 1, new RequestOffset(0, 119)),
                new OrderLine(new ProductId("p-b"), 1, new RequestOffset(1, 119))));

        assertThat(places).containsExactly(new LinePlace("p-a", 20, null), new LinePlace("p-b", 20, null));
    }

    @Test
    void placesNoLineWhoseRequestOrPartitionIsUnknown() {
        view.apply(List.of(progress(0, 100, 50.0, NOW)));

        List<LinePlace> places = view.placesOf(pending(new OrderLine(new ProductId("p-a"), 1),
                new OrderLine(new ProductId("p-b"), 1, new RequestOffset(5, 119))));

        assertThat(places).isEmpty();
    }

    @Test
    void placesNoOrderThatIsNoLongerPending() {
        view.apply(List.of(progress(0, 100, 50.0, NOW)));
        Order accepted = new Order(new OrderId("o-1"), new CustomerId("c-1"), OrderStatus.ACCEPTED, null, null, null,
                true, NOW, NOW, List.of(new OrderLine(new ProductId("p-a"), 1, new RequestOffset(0, 150))), 100, null,
                null, null, null,
                List.of(new StatusReached(OrderStatus.PENDING, NOW), new StatusReached(OrderStatus.ACCEPTED, NOW)));

        assertThat(view.placesOf(accepted)).isEmpty();
    }

    @Test
    void tellsItsListenersOnlyWhenAPartitionMovedOn() {
        AtomicInteger told = new AtomicInteger();
        view.onProgress(told::incrementAndGet);

        view.apply(List.of(progress(0, 100, 50.0, NOW)));
        view.apply(List.of(progress(0, 100, 50.0, NOW), progress(0, 90, 50.0, NOW)));
        view.apply(List.of(progress(0, 101, 50.0, NOW)));

        assertThat(told).hasValue(2);
    }

    private static DecisionProgress progress(int partition, long nextOffset, double rate, Instant at) {
        return new DecisionProgress(partition, nextOffset, rate, at);
    }

    private static Order pending(OrderLine... lines) {
        return new Order(new OrderId("o-1"), new CustomerId("c-1"), OrderStatus.PENDING, null, null, null, true, NOW,
                NOW, List.of(lines), 100, null, null, null, null, List.of(new StatusReached(OrderStatus.PENDING, NOW)));
    }
}
