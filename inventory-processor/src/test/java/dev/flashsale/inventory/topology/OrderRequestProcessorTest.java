package dev.flashsale.inventory.topology;

import static dev.flashsale.inventory.InventoryEvents.orderLine;
import static dev.flashsale.inventory.InventoryEvents.resent;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.flashsale.events.EventHeaders;
import dev.flashsale.events.OrderAccepted;
import dev.flashsale.events.OrderLineRequested;
import dev.flashsale.events.OrderRejected;
import dev.flashsale.events.PoisonReason;
import dev.flashsale.events.RejectionReason;
import dev.flashsale.events.StockLevel;
import dev.flashsale.events.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** The reservation rule alone: the processor on a mock context with in-memory stores. */
class OrderRequestProcessorTest {

    private static final Duration RETENTION = Duration.ofDays(7);
    private static final Instant NOW = Instant.parse("2026-03-01T09:00:07Z");
    private static final UUID STOCKED_BY = UUID.randomUUID();
    private static final Duration DEFAULT_WINDOW = Duration.ofMinutes(10);

    private MockProcessorContext<String, Outcome> context;
    private KeyValueStore<String, ProductStock> stocks;
    private KeyValueStore<String, Integer> holdings;
    private OrderRequestProcessor processor;

    @BeforeEach
    void initProcessor() {
        context = new MockProcessorContext<>();
        context.setCurrentSystemTimeMs(NOW.toEpochMilli());
        context.setCurrentStreamTimeMs(NOW.toEpochMilli());
        context.setRecordMetadata(Topics.ORDER_REQUESTS.name(), 3, 42L);
        stocks = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(InventoryStores.STOCK), Serdes.String(),
                InventoryStores.PRODUCT_STOCK).withLoggingDisabled().build();
        WindowStore<String, String> decided = new FakeWindowStore(InventoryStores.DECIDED_ORDERS);
        stocks.init(context.getStateStoreContext(), stocks);
        decided.init(context.getStateStoreContext(), decided);
        context.addStateStore(stocks);
        context.addStateStore(decided);
        holdings = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(InventoryStores.CUSTOMER_HOLDINGS),
                Serdes.String(), Serdes.Integer()).withLoggingDisabled().build();
        holdings.init(context.getStateStoreContext(), holdings);
        context.addStateStore(holdings);
        processor = new OrderRequestProcessor(RETENTION, DEFAULT_WINDOW);
        processor.init(context);
    }

    @Test
    void reservesTheUnitsAndEmitsTheNewLevelAndTheAcceptance() {
        stocks.put("camera", new ProductStock(3, 7, STOCKED_BY));
        OrderLineRequested request = orderLine("camera", "order-1", 2);

        processor.process(record("camera", request));

        assertThat(stocks.get("camera")).isEqualTo(new ProductStock(1, 8, STOCKED_BY));
        assertThat(holdings.get(CustomerHoldings.key(request.productId(), request.customerId()))).isEqualTo(2);
        assertThat(outcomes()).containsExactly(
                new Outcome.LevelChanged(new StockLevel(request.productId(), 1, 8, NOW)),
                new Outcome.Decided(new OrderAccepted(acceptedEventId(), request.orderId(), request.customerId(),
                        request.productId(), 2, request.occurredAt(), NOW, DEFAULT_WINDOW, null)));
        assertThat(context.forwarded().stream().map(forward -> (String) forward.record().key()))
                .containsExactly("camera", "order-1");
    }

    @Test
    void rejectsWhenFewerUnitsAreAvailableAndLeavesTheStockAlone() {
        stocks.put("camera", new ProductStock(1, 7, STOCKED_BY));

        processor.process(record("camera", orderLine("camera", "order-1", 2)));

        assertThat(stocks.get("camera")).isEqualTo(new ProductStock(1, 7, STOCKED_BY));
        assertThat(outcomes()).singleElement().satisfies(outcome -> assertThat(((Outcome.Decided) outcome).result())
                .isInstanceOfSatisfying(OrderRejected.class,
                        rejected -> assertThat(rejected.reason()).isEqualTo(RejectionReason.OUT_OF_STOCK)));
    }

    @Test
    void rejectsAnUnknownProductWithoutCreatingIt() {
        processor.process(record("camera", orderLine("camera", "order-1", 1)));

        assertThat(stocks.get("camera")).isNull();
        assertThat(outcomes()).singleElement().satisfies(outcome -> assertThat(((Outcome.Decided) outcome).result())
                .isInstanceOfSatisfying(OrderRejected.class,
                        rejected -> assertThat(rejected.reason()).isEqualTo(RejectionReason.UNKNOWN_PRODUCT)));
    }

    @Test
    void dropsAResentOrderWithoutASecondResult() {
        stocks.put("camera", new ProductStock(5, 1, STOCKED_BY));
        OrderLineRequested request = orderLine("camera", "order-1", 1);
        processor.process(record("camera", request));
        context.resetForwards();

        processor.process(record("camera", resent(request)));

        assertThat(context.forwarded()).isEmpty();
        assertThat(stocks.get("camera").available()).isEqualTo(4);
    }

    @Test
    void deadLettersARecordKeyedByAnotherProductWithItsSource() {
        stocks.put("camera", new ProductStock(5, 1, STOCKED_BY));

        processor.process(record("lens", orderLine("camera", "order-1", 1)));

        assertThat(stocks.get("camera").available()).isEqualTo(5);
        assertThat(context.forwarded()).singleElement().satisfies(forward -> {
            assertThat(forward.record().value()).isInstanceOf(Outcome.DeadLettered.class);
            var headers = forward.record().headers();
            assertThat(EventHeaders.get(headers, EventHeaders.DLQ_REASON)).isEqualTo(PoisonReason.KEY_MISMATCH.name());
            assertThat(EventHeaders.get(headers, EventHeaders.DLQ_SOURCE_TOPIC))
                    .isEqualTo(Topics.ORDER_REQUESTS.name());
            assertThat(EventHeaders.get(headers, EventHeaders.DLQ_SOURCE_PARTITION)).isEqualTo("3");
            assertThat(EventHeaders.get(headers, EventHeaders.DLQ_SOURCE_OFFSET)).isEqualTo("42");
        });
    }

    @Test
    void namesTheOrderInItsLogLinesAndNowhereElse() {
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        Logger intakeLog = (Logger) LoggerFactory.getLogger(Intake.class);
        lines.start();
        intakeLog.addAppender(lines);
        try {
            processor.process(record("lens", orderLine("camera", "order-1", 1)));
        } finally {
            intakeLog.detachAppender(lines);
        }

        assertThat(lines.list).singleElement().satisfies(line -> {
            assertThat(line.getFormattedMessage()).startsWith("Dead-lettered KEY_MISMATCH");
            assertThat(line.getMDCPropertyMap()).containsEntry(OrderRequestProcessor.MDC_ORDER_ID, "order-1");
        });
        assertThat(MDC.get(OrderRequestProcessor.MDC_ORDER_ID)).isNull();
    }

    private static Record<byte[], byte[]> record(String key, OrderLineRequested request) {
        RecordHeaders headers = new RecordHeaders();
        byte[] value = Topics.ORDER_REQUEST_SERDE.encode(headers, request);
        return new Record<>(key.getBytes(StandardCharsets.UTF_8), value, NOW.toEpochMilli(), headers);
    }

    private List<Outcome> outcomes() {
        return context.forwarded().stream().map(forward -> (Outcome) forward.record().value()).toList();
    }

    /** Results get a fresh eventId; take it from what was emitted so the rest can be compared whole. */
    private UUID acceptedEventId() {
        return outcomes().stream().filter(Outcome.Decided.class::isInstance)
                .map(outcome -> ((Outcome.Decided) outcome).result().eventId()).findFirst().orElseThrow();
    }
}
