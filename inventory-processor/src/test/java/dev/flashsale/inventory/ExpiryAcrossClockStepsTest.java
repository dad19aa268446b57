package dev.flashsale.inventory;

import static dev.flashsale.inventory.InventoryEvents.orderLine;
import static dev.flashsale.inventory.InventoryEvents.stockedWithWindow;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flashsale.events.OrderLifecycleEvent;
import dev.flashsale.events.OrderStatus;
import dev.flashsale.events.OrderStatusChanged;
import dev.flashsale.events.Topics;
import dev.flashsale.inventory.topology.InventoryTopology;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production topology on the time the processor gives Kafka Streams ({@link SteadyTime}), while the wall clock
 * under it steps forward and back: the driver's wall clock is moved exactly as {@link SteadyTime} moves, and true time
 * is the test's own. No order expires before its deadline in true time, and each expires within one check interval
 * after it. On the raw wall clock this fails: stepped forward, the orders expire at once; stepped back, no check runs
 * until the wall clock is back where it was.
 */
class ExpiryAcrossClockStepsTest {

    private static final Instant TRUE_START = Instant.parse("2026-12-06T09:00:00Z");
    private static final Duration WINDOW = Duration.ofSeconds(10);
    private static final Duration STEP = Duration.ofMillis(200);

    @TempDir
    Path stateDir;

    private final AtomicLong trueNanos = new AtomicLong();
    private final AtomicLong wallStepMs = new AtomicLong();
    private final SteadyTime time = new SteadyTime(
            () -> TRUE_START.toEpochMilli() + Duration.ofNanos(trueNanos.get()).toMillis() + wallStepMs.get(),
            trueNanos::get);
    private final InventorySettings settings = InventorySettings.defaults().withApplicationId("clock-steps-test")
            .withPaymentWindow(WINDOW);
    private final Map<String, Duration> acceptedAt = new HashMap<>();
    private final Map<String, Duration> expiredAt = new HashMap<>();
    private final List<String> expiredEarly = new ArrayList<>();
    private TopologyTestDriver driver;
    private TestOutputTopic<String, OrderLifecycleEvent> lifecycle;
    private long driverMs;

    @BeforeEach
    void startDriver() {
        InventorySettings local = settings.withStateDir(stateDir).withTopicPartitions(1);
        driverMs = time.milliseconds();
        driver = new TopologyTestDriver(InventoryTopology.build(new StreamsBuilder(), local),
                InventoryTopology.streamsProperties(local), Instant.ofEpochMilli(driverMs));
        lifecycle = driver.createOutputTopic(Topics.ORDER_LIFECYCLE.name(), new StringDeserializer(),
                Topics.ORDER_LIFECYCLE_SERDE.deserializer());
        driver.createInputTopic(Topics.STOCK_ADJUSTMENTS.name(), new StringSerializer(),
                Topics.STOCK_ADJUSTMENT_SERDE.serializer()).pipeInput("a", stockedWithWindow("a", 10, WINDOW));
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void expiresNeitherEarlyNorLateWhenTheWallClockStepsForwardAndBack() {
        order("before-the-steps");
        runFor(Duration.ofSeconds(3));
        wallStepMs.set(Duration.ofMinutes(10).toMillis());
        runFor(Duration.ofSeconds(2));
        order("while-ahead");
        runFor(Duration.ofSeconds(2));
        wallStepMs.set(-Duration.ofMinutes(10).toMillis());
        runFor(Duration.ofSeconds(2));
        order("while-behind");

        runFor(Duration.ofSeconds(20));

        assertThat(expiredEarly).isEmpty();
        assertThat(expiredAt).containsOnlyKeys(acceptedAt.keySet());
        Duration checkInterval = settings.expiryCheckInterval();
        acceptedAt.forEach((order, accepted) -> assertThat(expiredAt.get(order)).as(order)
                .isBetween(accepted.plus(WINDOW), accepted.plus(WINDOW).plus(checkInterval)));
    }

    private void order(String orderId) {
        driver.createInputTopic(Topics.ORDER_REQUESTS.name(), new StringSerializer(),
                Topics.ORDER_REQUEST_SERDE.serializer())
                .pipeInput("a", orderLine("a", orderId, 1), Instant.ofEpochMilli(time.milliseconds()));
        read();
    }

    /**
     * Moves true time on in small steps, the driver's wall clock with it as the processor's time says. A time that
     * went back leaves the driver where it was, as Kafka Streams' punctuation schedule waits for its next due time.
     */
    private void runFor(Duration span) {
        for (long done = 0; done < span.toNanos(); done += STEP.toNanos()) {
            trueNanos.addAndGet(STEP.toNanos());
            long now = time.milliseconds();
            if (now > driverMs) {
                driver.advanceWallClockTime(Duration.ofMillis(now - driverMs));
                driverMs = now;
            }
            read();
        }
    }

    private void read() {
        Duration trueNow = Duration.ofNanos(trueNanos.get());
        for (OrderLifecycleEvent event : lifecycle.readValuesToList()) {
            if (!(event instanceof OrderStatusChanged changed)) {
                continue;
            }
            String order = changed.orderId().value();
            if (changed.status() == OrderStatus.ACCEPTED) {
                acceptedAt.put(order, trueNow);
            } else if (changed.status() == OrderStatus.EXPIRED) {
                expiredAt.put(order, trueNow);
                if (trueNow.compareTo(acceptedAt.get(order).plus(WINDOW)) < 0) {
                    expiredEarly.add(order + " at " + trueNow);
                }
            }
        }
    }
}
