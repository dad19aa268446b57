package dev.flashsale.inventory.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flashsale.events.CustomerId;
import dev.flashsale.events.OrderId;
import dev.flashsale.events.OrderStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/** The binary layouts of the stored stock and order progress: every field survives, and nothing else is read. */
class StoreFormatsTest {

    private static final UUID STOCKED_BY = UUID.fromString("0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0ff");
    private static final Instant PRECISE = Instant.parse("2026-03-01T09:00:05.123456789Z");
    private static final Duration ODD_WINDOW = Duration.ofSeconds(754, 987_654_321);

    @Test
    void keepsEveryFieldOfAProductStockWithAndWithoutItsOptionalRules() {
        List<ProductStock> stocks = List.of(
                new ProductStock(0, 1, STOCKED_BY),
                new ProductStock(Integer.MAX_VALUE, Long.MAX_VALUE, STOCKED_BY, Integer.MAX_VALUE, null),
                new ProductStock(7, 9, STOCKED_BY, null, ODD_WINDOW),
                new ProductStock(7, 9, new UUID(-1L, Long.MIN_VALUE), 1, Duration.ofDays(7)));

        assertThat(stocks).allSatisfy(stock -> assertThat(roundTrip(stock)).isEqualTo(stock));
    }

    @Test
    void keepsEveryFieldOfAPaidOrderWithItsLinesInTheOrderTheyCame() {
        Map<String, OrderProgress.Line> lines = new LinkedHashMap<>();
        lines.put("zebra", new OrderProgress.Line(3, true, ODD_WINDOW, false));
        lines.put("aardvark", new OrderProgress.Line(1, true, null, true));
        lines.put("m\u00fcsli-\u20ac-\ud83d\ude00", new OrderProgress.Line(10_000, false, null, false));
        OrderProgress paid = new OrderProgress(new OrderId("order-\u00e9"), new CustomerId("c\u00fc-1"), 3,
                OrderStatus.PAID, lines, PRECISE, UUID.randomUUID(), "psp-4711 \u2713", Long.MAX_VALUE,
                PRECISE.minusNanos(1));

        OrderProgress read = roundTrip(paid);

        assertThat(read).isEqualTo(paid);
        assertThat(read.lines().keySet()).containsExactly("zebra", "aardvark", "m\u00fcsli-\u20ac-\ud83d\ude00");
        assertThat(read.paymentDeadline().getNano()).isEqualTo(123_456_789);
        assertThat(read.lines().get("zebra").paymentWindow()).isEqualTo(ODD_WINDOW);
    }

    @Test
    void keepsTheNullsOfAnOrderOnlyACancellationWasHeardOf() {
        OrderProgress cancelledEarly = new OrderProgress(new OrderId("o"), new CustomerId("c"), null,
                OrderStatus.CANCELLED, Map.of(), null, UUID.randomUUID(), null, null, null);

        assertThat(roundTrip(cancelledEarly)).isEqualTo(cancelledEarly);
        assertThat(Arrays.stream(OrderStatus.values()).map(status -> new OrderProgress(new OrderId("o"),
                new CustomerId("c"), 1, status, Map.of(), null, null, null, null, null)))
                .allSatisfy(order -> assertThat(roundTrip(order)).isEqualTo(order));
    }

    @Test
    void writesAProductStockInItsFirstFormatByteForByte() {
        ProductStock stock = new ProductStock(5, 2, STOCKED_BY, 3, Duration.ofSeconds(600, 1));

        assertThat(HexFormat.of().formatHex(StoreFormats.write(stock))).isEqualTo("01" + "03"
                + "00000005" + "0000000000000002" + "0f1e2d3c4b5a4978" + "8695a4b3c2d1e0ff"
                + "00000003" + "0000000000000258" + "00000001");
    }

    @Test
    void writesAnOrderProgressInItsFirstFormatByteForByte() {
        OrderProgress order = new OrderProgress(new OrderId("o1"), new CustomerId("c"), 1, OrderStatus.ACCEPTED,
                Map.of("p", new OrderProgress.Line(2, true, Duration.ofSeconds(60), false)),
                Instant.ofEpochSecond(1_000, 5), null, null, null, Instant.ofEpochSecond(900));

        assertThat(HexFormat.of().formatHex(StoreFormats.write(order))).isEqualTo("01" + "23"
                + "00000002" + "6f31" + "00000001" + "63" + "00000008" + "4143434550544544"
                + "00000001"
                + "00000001" + "00000001" + "70" + "00000002" + "05" + "000000000000003c" + "00000000"
                + "00000000000003e8" + "00000005"
                + "0000000000000384" + "00000000");
    }

    @Test
    void refusesStateInAFormatItDoesNotKnowOrThatIsCutShort() {
        byte[] stock = StoreFormats.write(new ProductStock(5, 2, STOCKED_BY));
        byte[] json = "{\"available\":7,\"version\":9}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> StoreFormats.readProductStock(json)).isInstanceOf(SerializationException.class)
                .hasMessageContaining("format 123").hasMessageContaining("wipe the state directory");
        assertThatThrownBy(() -> StoreFormats.readProductStock(Arrays.copyOf(stock, stock.length - 1)))
                .isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> StoreFormats.readProductStock(Arrays.copyOf(stock, stock.length + 1)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("past its end");
        assertThatThrownBy(() -> StoreFormats.readOrderProgress(stock)).isInstanceOf(SerializationException.class);
    }

    @Test
    void passesTombstonesThrough() {
        assertThat(InventoryStores.PRODUCT_STOCK.serializer().serialize("changelog", null)).isNull();
        assertThat(InventoryStores.PRODUCT_STOCK.deserializer().deserialize("changelog", null)).isNull();
        assertThat(InventoryStores.ORDER_PROGRESS.serializer().serialize("changelog", null)).isNull();
        assertThat(InventoryStores.ORDER_PROGRESS.deserializer().deserialize("changelog", null)).isNull();
    }

    private static ProductStock roundTrip(ProductStock stock) {
        byte[] bytes = InventoryStores.PRODUCT_STOCK.serializer().serialize("changelog", stock);
        return InventoryStores.PRODUCT_STOCK.deserializer().deserialize("changelog", bytes);
    }

    private static OrderProgress roundTrip(OrderProgress order) {
        byte[] bytes = InventoryStores.ORDER_PROGRESS.serializer().serialize("changelog", order);
        return InventoryStores.ORDER_PROGRESS.deserializer().deserialize("changelog", bytes);
    }
}
