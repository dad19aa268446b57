package dev.flashsale.inventory.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.flashsale.events.CancellationRequested;
import dev.flashsale.events.CustomerId;
import dev.flashsale.events.OrderAccepted;
import dev.flashsale.events.OrderId;
import dev.flashsale.events.OrderStatus;
import dev.flashsale.events.OrderStatusChanged;
import dev.flashsale.events.ProductId;
import dev.flashsale.events.ReleaseCause;
import dev.flashsale.events.UnitsReleased;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The order's own rules, without a topology. */
class OrderProgressTest {

    private static final Instant NOW = Instant.parse("2026-03-01T09:00:05Z");
    private static final OrderId ORDER = new OrderId("cart");
    private static final CustomerId ANN = new CustomerId("ann");

    @Test
    void waitsForEveryLineBeforeAcceptingAndTakesTheShortestWindow() {
        OrderProgress.Change first = OrderProgress.pending(ORDER, ANN, 2)
                .record(accepted("a", 1, Duration.ofMinutes(7)), NOW);

        OrderProgress.Change second = first.progress().record(accepted("b", 2, Duration.ofMinutes(3)), NOW);

        assertThat(first.events()).isEmpty();
        assertThat(first.progress().status()).isEqualTo(OrderStatus.PENDING);
        assertThat(second.progress().status()).isEqualTo(OrderStatus.ACCEPTED);
        assertThat(second.progress().paymentDeadline()).isEqualTo(NOW.plus(Duration.ofMinutes(3)));
        assertThat(second.events()).singleElement().isInstanceOfSatisfying(OrderStatusChanged.class,
                accepted -> assertThat(accepted.paymentDeadline()).isEqualTo(NOW.plus(Duration.ofMinutes(3))));
    }

    @Test
    void releasesEachReservedLineOnceWhateverHappensAfterwards() {
        OrderProgress accepted = OrderProgress.pending(ORDER, ANN, 1)
                .record(accepted("a", 2, Duration.ofMinutes(1)), NOW).progress();

        OrderProgress.Change cancel = accepted.cancel(cancellation(), NOW);
        OrderProgress.Change expireAfterwards = cancel.progress().expire(NOW.plus(Duration.ofHours(1)));
        OrderProgress.Change lateLine = cancel.progress().record(accepted("b", 1, null), NOW);

        assertThat(cancel.releases()).extracting(release -> release.productId().value(), UnitsReleased::quantity,
                UnitsReleased::cause).containsExactly(tuple("a", 2, ReleaseCause.CANCELLED));
        assertThat(expireAfterwards.releases()).isEmpty();
        assertThat(expireAfterwards.events()).isEmpty();
        assertThat(lateLine.releases()).extracting(release -> release.productId().value(), UnitsReleased::cause)
                .containsExactly(tuple("b", ReleaseCause.CANCELLED));
        assertThat(lateLine.progress().lines().values()).allSatisfy(line -> assertThat(line.released()).isTrue());
    }

    @Test
    void givesEveryReleaseOfOneLineTheSameEventIdAndOtherLinesOthers() {
        OrderProgress accepted = OrderProgress.pending(ORDER, ANN, 2)
                .record(accepted("a", 1, Duration.ofMinutes(1)), NOW).progress()
                .record(accepted("b", 1, Duration.ofMinutes(1)), NOW).progress();

        OrderProgress.Change expired = accepted.expire(NOW.plus(Duration.ofMinutes(1)));
        OrderProgress.Change expiredLater = accepted.expire(NOW.plus(Duration.ofHours(1)));
        OrderProgress.Change cancelled = accepted.cancel(cancellation(), NOW);

        assertThat(expired.releases()).extracting(UnitsReleased::eventId).doesNotHaveDuplicates()
                .containsExactly(OrderProgress.releaseId(ORDER, new ProductId("a")),
                        OrderProgress.releaseId(ORDER, new ProductId("b")))
                .isEqualTo(expiredLater.releases().stream().map(UnitsReleased::eventId).toList())
                .isEqualTo(cancelled.releases().stream().map(UnitsReleased::eventId).toList());
        assertThat(OrderProgress.releaseId(new OrderId("other"), new ProductId("a")))
                .isNotEqualTo(OrderProgress.releaseId(ORDER, new ProductId("a")));
    }

    @Test
    void expiresByItsDeadlineOnlyWhileAcceptedAndUnpaid() {
        OrderProgress accepted = OrderProgress.pending(ORDER, ANN, 1)
                .record(accepted("a", 1, Duration.ofMinutes(1)), NOW).progress();
        Instant deadline = NOW.plus(Duration.ofMinutes(1));

        OrderProgress cancelled = accepted.cancel(cancellation(), NOW).progress();

        assertThat(accepted.expiresBy(deadline.minusMillis(1))).isFalse();
        assertThat(accepted.expiresBy(deadline)).isTrue();
        assertThat(cancelled.expiresBy(deadline)).isFalse();
        assertThat(accepted.expire(deadline).progress().expiresBy(deadline.plusSeconds(1))).isFalse();
    }

    @Test
    void survivesTheStoreSerdeUnchanged() {
        OrderProgress progress = OrderProgress.pending(ORDER, ANN, 2)
                .record(accepted("a", 1, Duration.ofMinutes(7)), NOW).progress()
                .record(accepted("b", 2, null), NOW).progress();

        byte[] bytes = InventoryStores.ORDER_PROGRESS.serializer().serialize("changelog", progress);

        assertThat(InventoryStores.ORDER_PROGRESS.deserializer().deserialize("changelog", bytes)).isEqualTo(progress);
        assertThat(progress.status()).isEqualTo(OrderStatus.ACCEPTED);
        assertThat(progress.paymentDeadline()).isNull();
    }

    @Test
    void sortsDeadlineKeysAsTheirInstants() {
        String early = InventoryStores.deadlineKey(Instant.ofEpochMilli(999), "z");
        String late = InventoryStores.deadlineKey(Instant.ofEpochMilli(1_000), "a");

        assertThat(early).isEqualTo("0000000000000000999:z").isLessThan(late);
        assertThat(late).isLessThanOrEqualTo(InventoryStores.lastDeadlineKeyDueBy(1_000));
        assertThat(InventoryStores.deadlineKey(Instant.ofEpochMilli(1_001), "a"))
                .isGreaterThan(InventoryStores.lastDeadlineKeyDueBy(1_000));
        assertThat(InventoryStores.deadlineOf(late)).isEqualTo(Instant.ofEpochMilli(1_000));
    }

    private static OrderAccepted accepted(String product, int quantity, Duration window) {
        return new OrderAccepted(UUID.randomUUID(), ORDER, ANN, new ProductId(product), quantity, NOW, NOW, window,
                2);
    }

    private static CancellationRequested cancellation() {
        return new CancellationRequested(UUID.randomUUID(), ORDER, ANN, NOW);
    }
}
