package dev.flashsale.inventory.topology;

import static dev.flashsale.inventory.InventoryEvents.orderLine;
import static dev.flashsale.inventory.InventoryEvents.replenished;
import static dev.flashsale.inventory.InventoryEvents.stocked;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flashsale.events.EventHeaders;
import dev.flashsale.events.EventJson;
import dev.flashsale.events.OrderAccepted;
import dev.flashsale.events.PoisonReason;
import dev.flashsale.events.StockLevel;
import dev.flashsale.events.StockReplenished;
import dev.flashsale.events.Topics;
import dev.flashsale.inventory.InventorySettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every kind of bad record on either input goes to the dead letters as it came in, with why and where from, and the
 * next good record on the same partition is still decided.
 */
class DeadLetterTest {

    private static final String PRODUCT = "poison-proof";
    private static final String REQUESTS = Topics.ORDER_REQUESTS.name();
    private static final String ADJUSTMENTS = Topics.STOCK_ADJUSTMENTS.name();

    @TempDir
    Path stateDir;

    private InventoryTestDriver inventory;

    @BeforeEach
    void stockTheProduct() {
        inventory = new InventoryTestDriver(InventorySettings.defaults()
                .withApplicationId("inventory-dead-letter-test").withStateDir(stateDir));
        inventory.adjust(stocked(PRODUCT, 5));
    }

    @AfterEach
    void closeDriver() {
        inventory.close();
    }

    /** A bad record: the topic, key, value and headers as a misbehaving producer sends them. */
    record Poison(String topic, String key, byte[] value, Map<String, String> headers, PoisonReason reason) {

        static Poison of(String topic, String key, String value, Map<String, String> headers, PoisonReason reason) {
            return new Poison(topic, key, value.getBytes(StandardCharsets.UTF_8), headers, reason);
        }
    }

    static Stream<Arguments> poisonRecords() {
        Map<String, String> orderLineType = Map.of(EventHeaders.EVENT_TYPE, "OrderLineRequested");
        Map<String, String> replenishedType = Map.of(EventHeaders.EVENT_TYPE, "StockReplenished");
        String orderLine = json(orderLine(PRODUCT, "order-x", 1));
        String restock = json(replenished(PRODUCT, 1));
        return Stream.of(
                poison("order request that is not JSON",
                        Poison.of(REQUESTS, PRODUCT, "{\"orderId\": ", orderLineType, PoisonReason.UNREADABLE)),
                poison("order request without a value",
                        new Poison(REQUESTS, PRODUCT, null, orderLineType, PoisonReason.UNREADABLE)),
                poison("order request without an event-type header",
                        Poison.of(REQUESTS, PRODUCT, orderLine, Map.of(), PoisonReason.UNKNOWN_EVENT_TYPE)),
                poison("order request of an unknown event type",
                        Poison.of(REQUESTS, PRODUCT, orderLine, Map.of(EventHeaders.EVENT_TYPE, "OrderCancelled"),
                                PoisonReason.UNKNOWN_EVENT_TYPE)),
                poison("order request of a newer schema version",
                        Poison.of(REQUESTS, PRODUCT, orderLine, Map.of(EventHeaders.EVENT_TYPE, "OrderLineRequested",
                                EventHeaders.SCHEMA_VERSION, "2"), PoisonReason.UNSUPPORTED_SCHEMA_VERSION)),
                poison("order request for a negative quantity",
                        Poison.of(REQUESTS, PRODUCT, with(orderLine, "quantity", -1), orderLineType,
                                PoisonReason.INVALID_EVENT)),
                poison("order request keyed by another product",
                        Poison.of(REQUESTS, "another-product", orderLine, orderLineType, PoisonReason.KEY_MISMATCH)),
                poison("order request without a key",
                        Poison.of(REQUESTS, null, orderLine, orderLineType, PoisonReason.KEY_MISMATCH)),
                poison("stock adjustment that is not JSON",
                        Poison.of(ADJUSTMENTS, PRODUCT, "\u0000\u0001binary", replenishedType,
                                PoisonReason.UNREADABLE)),
                poison("stock adjustment without an event-type header",
                        Poison.of(ADJUSTMENTS, PRODUCT, restock, Map.of(), PoisonReason.UNKNOWN_EVENT_TYPE)),
                poison("stock adjustment without a value",
                        new Poison(ADJUSTMENTS, PRODUCT, null, replenishedType, PoisonReason.UNREADABLE)),
                poison("stock adjustment of an unknown event type",
                        Poison.of(ADJUSTMENTS, PRODUCT, restock, Map.of(EventHeaders.EVENT_TYPE, "StockTeleported"),
                                PoisonReason.UNKNOWN_EVENT_TYPE)),
                poison("stock adjustment with a schema version that is not a number",
                        Poison.of(ADJUSTMENTS, PRODUCT, restock, Map.of(EventHeaders.EVENT_TYPE, "StockReplenished",
                                EventHeaders.SCHEMA_VERSION, "two"), PoisonReason.UNSUPPORTED_SCHEMA_VERSION)),
                poison("order request for zero units",
                        Poison.of(REQUESTS, PRODUCT, with(orderLine, "quantity", 0), orderLineType,
                                PoisonReason.INVALID_EVENT)),
                poison("order request for more units than any line may hold",
                        Poison.of(REQUESTS, PRODUCT, with(orderLine, "quantity", 10_001), orderLineType,
                                PoisonReason.INVALID_EVENT)),
                poison("order request sent to the stock adjustments",
                        Poison.of(ADJUSTMENTS, PRODUCT, orderLine, orderLineType, PoisonReason.UNKNOWN_EVENT_TYPE)),
                poison("stock adjustment of a newer schema version",
                        Poison.of(ADJUSTMENTS, PRODUCT, restock, Map.of(EventHeaders.EVENT_TYPE, "StockReplenished",
                                EventHeaders.SCHEMA_VERSION, "2"), PoisonReason.UNSUPPORTED_SCHEMA_VERSION)),
                poison("restock by a negative delta",
                        Poison.of(ADJUSTMENTS, PRODUCT, with(restock, "delta", -3), replenishedType,
                                PoisonReason.INVALID_EVENT)),
                poison("product stocked with negative units",
                        Poison.of(ADJUSTMENTS, PRODUCT, with(json(stocked(PRODUCT, 1)), "initialUnits", -1),
                                Map.of(EventHeaders.EVENT_TYPE, "ProductStocked"), PoisonReason.INVALID_EVENT)),
                poison("stock adjustment keyed by another product",
                        Poison.of(ADJUSTMENTS, "another-product", restock, replenishedType,
                                PoisonReason.KEY_MISMATCH)),
                poison("restock of a product never stocked",
                        Poison.of(ADJUSTMENTS, "never-stocked", json(replenished("never-stocked", 1)),
                                replenishedType, PoisonReason.NOT_APPLICABLE)),
                poison("second registration of a stocked product",
                        Poison.of(ADJUSTMENTS, PRODUCT, json(stocked(PRODUCT, 100)),
                                Map.of(EventHeaders.EVENT_TYPE, "ProductStocked"), PoisonReason.NOT_APPLICABLE)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("poisonRecords")
    void deadLettersTheRecordAndDecidesTheNextOne(Poison poison) {
        long offset = inventory.nextOffset(poison.topic());
        Headers headers = headers(poison.headers());
        headers.add("traceparent", "00-trace-01".getBytes(StandardCharsets.UTF_8));

        inventory.pipeRaw(poison.topic(), bytes(poison.key()), poison.value(), headers);
        inventory.adjust(replenished(PRODUCT, 1));
        inventory.request(orderLine(PRODUCT, "after-the-poison", 6));

        assertThat(inventory.deadLetters()).singleElement().satisfies(letter -> {
            assertThat(letter.key()).isEqualTo(bytes(poison.key()));
            assertThat(letter.value()).isEqualTo(poison.value());
            assertThat(header(letter, EventHeaders.DLQ_REASON)).isEqualTo(poison.reason().name());
            assertThat(header(letter, EventHeaders.DLQ_ERROR)).isNotBlank().hasSizeLessThanOrEqualTo(500);
            assertThat(header(letter, EventHeaders.DLQ_SOURCE_TOPIC)).isEqualTo(poison.topic());
            assertThat(header(letter, EventHeaders.DLQ_SOURCE_PARTITION)).isEqualTo("0");
            assertThat(header(letter, EventHeaders.DLQ_SOURCE_OFFSET)).isEqualTo(Long.toString(offset));
            assertThat(header(letter, "traceparent")).isEqualTo("00-trace-01");
            poison.headers().forEach((name, value) -> assertThat(header(letter, name)).isEqualTo(value));
        });
        assertThat(inventory.results()).singleElement()
                .satisfies(result -> assertThat(result.value()).isInstanceOf(OrderAccepted.class));
        assertThat(inventory.levels()).extracting(StockLevel::available).containsExactly(5, 6, 0);
    }

    @Test
    void deadLettersARestockThatWouldOverflowTheUnitsAndKeepsTheStock() {
        inventory.adjust(stocked("nearly-full", Integer.MAX_VALUE - 10));

        inventory.adjust(replenished("nearly-full", 11));
        inventory.adjust(replenished("nearly-full", 10));

        assertThat(inventory.deadLetters()).singleElement().satisfies(letter ->
                assertThat(header(letter, EventHeaders.DLQ_REASON)).isEqualTo(PoisonReason.NOT_APPLICABLE.name()));
        assertThat(inventory.levels()).extracting(StockLevel::available)
                .endsWith(Integer.MAX_VALUE - 10, Integer.MAX_VALUE);
    }

    @Test
    void cutsALongErrorMessageToAReadableLength() {
        inventory.pipeRaw(REQUESTS, bytes(PRODUCT), json(orderLine(PRODUCT, "order-1", 1))
                .getBytes(StandardCharsets.UTF_8), headers(Map.of(EventHeaders.EVENT_TYPE, "x".repeat(1000))));

        assertThat(header(inventory.deadLetters().get(0), EventHeaders.DLQ_ERROR)).hasSize(Intake.MAX_ERROR_LENGTH);
    }

    private static Arguments poison(String name, Poison poison) {
        return Arguments.of(Named.of(name, poison));
    }

    private static String json(Object event) {
        return EventJson.MAPPER.writeValueAsString(event);
    }

    private static String with(String json, String field, int value) {
        ObjectNode node = (ObjectNode) EventJson.MAPPER.readTree(json);
        node.put(field, value);
        return node.toString();
    }

    private static Headers headers(Map<String, String> values) {
        Headers headers = new RecordHeaders();
        values.forEach((name, value) -> headers.add(name, value.getBytes(StandardCharsets.UTF_8)));
        return headers;
    }

    private static byte[] bytes(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    private static String header(TestRecord<byte[], byte[]> record, String name) {
        return EventHeaders.get(record.headers(), name);
    }
}
