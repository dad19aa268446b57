package dev.flashsale.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class EventSerdeTest {

    private static final Instant NOW = Instant.parse("2026-12-12T00:00:00Z");

    @Test
    void roundTripsEveryResultTypeThroughItsHeaders() {
        OrderResult accepted = new OrderAccepted(UUID.randomUUID(), OrderId.random(), new CustomerId("c-1"),
                ProductId.random(), 2, NOW, NOW.plusMillis(40));
        OrderResult rejected = new OrderRejected(UUID.randomUUID(), OrderId.random(), new CustomerId("c-2"),
                ProductId.random(), 1, RejectionReason.OUT_OF_STOCK, NOW, NOW.plusMillis(40));

        for (OrderResult result : new OrderResult[] {accepted, rejected}) {
            Headers headers = new RecordHeaders();
            byte[] bytes = Topics.ORDER_RESULT_SERDE.serializer().serialize("t", headers, result);

            assertThat(EventHeaders.get(headers, EventHeaders.EVENT_TYPE))
                    .isEqualTo(result.getClass().getSimpleName());
            assertThat(EventHeaders.get(headers, EventHeaders.SCHEMA_VERSION))
                    .isEqualTo(result instanceof OrderRejected ? "2" : "1");
            assertThat(EventHeaders.get(headers, EventHeaders.ORDER_ID)).isEqualTo(result.orderId().value());
            assertThat(Topics.ORDER_RESULT_SERDE.deserializer().deserialize("t", headers, bytes)).isEqualTo(result);
        }
    }

    @Test
    void writesReadableJsonWithPlainIdsAndIsoTimestamps() {
        var productId = new ProductId("p-1");
        var event = new OrderLineRequested(UUID.fromString("00000000-0000-0000-0000-000000000001"),
                new OrderId("o-1"), new CustomerId("c-1"), productId, 3, NOW);

        String json = new String(Topics.ORDER_REQUEST_SERDE.encode(new RecordHeaders(), event),
                StandardCharsets.UTF_8);

        assertThat(json).isEqualTo("{\"eventId\":\"00000000-0000-0000-0000-000000000001\",\"orderId\":\"o-1\","
                + "\"customerId\":\"c-1\",\"productId\":\"p-1\",\"quantity\":3,"
                + "\"occurredAt\":\"2026-12-12T00:00:00Z\"}");
    }

    @Test
    void readsEventsWrittenBeforeTheirOptionalFieldsWithoutThem() {
        byte[] request = ("{\"eventId\":\"" + UUID.randomUUID() + "\",\"orderId\":\"o-1\",\"customerId\":\"c-1\","
                + "\"productId\":\"p-1\",\"quantity\":1,\"occurredAt\":\"2026-12-12T00:00:00Z\"}")
                .getBytes(StandardCharsets.UTF_8);
        byte[] stocked = ("{\"eventId\":\"" + UUID.randomUUID() + "\",\"productId\":\"p-1\",\"initialUnits\":5,"
                + "\"occurredAt\":\"2026-12-12T00:00:00Z\"}").getBytes(StandardCharsets.UTF_8);

        var requested = (OrderLineRequested) Topics.ORDER_REQUEST_SERDE.decode(headers("OrderLineRequested", "1"),
                request);
        var product = (ProductStocked) Topics.STOCK_ADJUSTMENT_SERDE.decode(headers("ProductStocked", "1"), stocked);

        assertThat(requested.idempotencyKey()).isNull();
        assertThat(product.name()).isNull();
        assertThat(product.price()).isNull();
    }

    @Test
    void carriesTheOptionalFieldsWhenTheyHaveValues() {
        var request = new OrderLineRequested(UUID.randomUUID(), new OrderId("o-1"), new CustomerId("c-1"),
                new ProductId("p-1"), 1, NOW, "checkout-7");
        var stocked = new ProductStocked(UUID.randomUUID(), new ProductId("p-1"), 5, NOW, "12.12 phone", 99_000L);
        Headers headers = new RecordHeaders();

        assertThat(Topics.ORDER_REQUEST_SERDE.decode(headers,
                Topics.ORDER_REQUEST_SERDE.encode(headers, request))).isEqualTo(request);
        assertThat(Topics.STOCK_ADJUSTMENT_SERDE.decode(headers,
                Topics.STOCK_ADJUSTMENT_SERDE.encode(headers, stocked))).isEqualTo(stocked);
    }

    @Test
    void namesTheOrderOfAnOrderEventInAHeaderAndNothingElseOfOtherEvents() {
        var request = new OrderLineRequested(UUID.randomUUID(), new OrderId("o-7"), new CustomerId("c-1"),
                new ProductId("p-1"), 1, NOW);
        Headers requestHeaders = new RecordHeaders();
        Headers levelHeaders = new RecordHeaders();

        Topics.ORDER_REQUEST_SERDE.serializer().serialize("t", requestHeaders, request);
        Topics.STOCK_LEVEL_SERDE.serializer().serialize("t", levelHeaders,
                new StockLevel(new ProductId("p-1"), 3, 2, NOW));

        assertThat(EventHeaders.get(requestHeaders, EventHeaders.ORDER_ID)).isEqualTo("o-7");
        assertThat(levelHeaders.toArray()).extracting(header -> header.key())
                .containsExactlyInAnyOrder(EventHeaders.EVENT_TYPE, EventHeaders.SCHEMA_VERSION,
                        EventHeaders.CONTENT_TYPE);
    }

    @Test
    void readsARecordWithoutSchemaVersionAsTheFirstVersion() {
        Headers headers = headers("StockReplenished", null);
        byte[] json = ("{\"eventId\":\"" + UUID.randomUUID() + "\",\"productId\":\"p-1\",\"delta\":5,"
                + "\"occurredAt\":\"2026-12-12T00:00:00Z\"}").getBytes(StandardCharsets.UTF_8);

        StockAdjustment adjustment = Topics.STOCK_ADJUSTMENT_SERDE.decode(headers, json);

        assertThat(adjustment).isInstanceOf(StockReplenished.class);
        assertThat(adjustment.units()).isEqualTo(5);
    }

    @Test
    void refusesUnreadableBytes() {
        assertPoison(headers("OrderLineRequested", "1"), "{not json".getBytes(StandardCharsets.UTF_8),
                PoisonReason.UNREADABLE);
        assertPoison(headers("OrderLineRequested", "1"), new byte[0], PoisonReason.UNREADABLE);
        assertPoison(headers("OrderLineRequested", "1"), null, PoisonReason.UNREADABLE);
    }

    @Test
    void refusesAMissingOrUnknownEventType() {
        byte[] json = validRequestJson(1);

        assertPoison(new RecordHeaders(), json, PoisonReason.UNKNOWN_EVENT_TYPE);
        assertPoison(headers("OrderAccepted", "1"), json, PoisonReason.UNKNOWN_EVENT_TYPE);
    }

    @Test
    void refusesASchemaVersionNewerThanItKnows() {
        assertPoison(headers("OrderLineRequested", "2"), validRequestJson(1), PoisonReason.UNSUPPORTED_SCHEMA_VERSION);
        assertPoison(headers("OrderLineRequested", "x"), validRequestJson(1), PoisonReason.UNSUPPORTED_SCHEMA_VERSION);
    }

    @Test
    void refusesAnEventThatBreaksItsRules() {
        assertPoison(headers("OrderLineRequested", "1"), validRequestJson(-1), PoisonReason.INVALID_EVENT);
        assertPoison(headers("OrderLineRequested", "1"), validRequestJson(10_001), PoisonReason.INVALID_EVENT);
        assertPoison(headers("OrderLineRequested", "1"),
                "{\"eventId\":\"00000000-0000-0000-0000-000000000001\",\"productId\":\"p\",\"quantity\":1}"
                        .getBytes(StandardCharsets.UTF_8),
                PoisonReason.INVALID_EVENT);
    }

    @Test
    void refusesAMissingNumberInsteadOfReadingZero() {
        byte[] json = ("{\"eventId\":\"" + UUID.randomUUID() + "\",\"productId\":\"p-1\","
                + "\"occurredAt\":\"2026-12-12T00:00:00Z\"}").getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> Topics.STOCK_ADJUSTMENT_SERDE.decode(headers("ProductStocked", "1"), json))
                .isInstanceOf(PoisonRecordException.class);
    }

    @Test
    void ignoresFieldsAddedByLaterWriters() {
        byte[] json = ("{\"productId\":\"p-1\",\"available\":4,\"version\":9,\"warehouse\":\"north\","
                + "\"occurredAt\":\"2026-12-12T00:00:00Z\"}").getBytes(StandardCharsets.UTF_8);

        StockLevel level = Topics.STOCK_LEVEL_SERDE.decode(headers("StockLevel", "1"), json);

        assertThat(level).isEqualTo(new StockLevel(new ProductId("p-1"), 4, 9, NOW));
    }

    private static void assertPoison(Headers headers, byte[] value, PoisonReason reason) {
        assertThatThrownBy(() -> Topics.ORDER_REQUEST_SERDE.deserializer().deserialize("t", headers, value))
                .isInstanceOfSatisfying(PoisonRecordException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    private static Headers headers(String type, String version) {
        Headers headers = new RecordHeaders();
        EventHeaders.put(headers, EventHeaders.EVENT_TYPE, type);
        if (version != null) {
            EventHeaders.put(headers, EventHeaders.SCHEMA_VERSION, version);
        }
        return headers;
    }

    private static byte[] validRequestJson(int quantity) {
        return ("{\"eventId\":\"" + UUID.randomUUID() + "\",\"orderId\":\"o-1\",\"customerId\":\"c-1\","
                + "\"productId\":\"p-1\",\"quantity\":" + quantity + ",\"occurredAt\":\"2026-12-12T00:00:00Z\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aReaderOfVersionOneRefusesALimitExceededRejectionAsANewerVersionInsteadOfMisreadingIt() {
        OrderResult rejected = new OrderRejected(UUID.randomUUID(), OrderId.random(), new CustomerId("c-1"),
                ProductId.random(), 1, RejectionReason.LIMIT_EXCEEDED, NOW, NOW.plusMillis(40));
        Headers headers = new RecordHeaders();
        byte[] bytes = Topics.ORDER_RESULT_SERDE.encode(headers, rejected);
        EventSerde<OrderResult> versionOneReader = EventSerde.of(OrderResult.class,
                EventType.of(OrderAccepted.class, 1), EventType.of(OrderRejected.class, 1));

        assertThatThrownBy(() -> versionOneReader.decode(headers, bytes))
                .isInstanceOfSatisfying(PoisonRecordException.class,
                        e -> assertThat(e.reason()).isEqualTo(PoisonReason.UNSUPPORTED_SCHEMA_VERSION));
        assertThat(Topics.ORDER_RESULT_SERDE.decode(headers, bytes)).isEqualTo(rejected);
    }
}
