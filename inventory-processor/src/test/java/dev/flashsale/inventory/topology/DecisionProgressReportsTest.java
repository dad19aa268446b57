package dev.flashsale.inventory.topology;

import static dev.flashsale.inventory.InventoryEvents.orderLine;
import static dev.flashsale.inventory.InventoryEvents.stocked;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.flashsale.events.DecisionProgress;
import dev.flashsale.events.Topics;
import dev.flashsale.inventory.InventorySettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.IntStream;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecisionProgressReportsTest {

    private static final Duration INTERVAL = Duration.ofMillis(100);

    @TempDir
    Path stateDir;

    private InventoryTestDriver inventory;

    @AfterEach
    void closeDriver() {
        if (inventory != null) {
            inventory.close();
        }
    }

    private InventoryTestDriver start(Duration stockLevelInterval) {
        inventory = new InventoryTestDriver(new InventorySettings(null, "decision-progress-test", stateDir, 1, null,
                null, Duration.ofHours(1), 0, (short) 0, 0, null, null, stockLevelInterval, null));
        return inventory;
    }

    @Test
    void publishesTheNextOffsetToDecideOnceAnIntervalKeyedByPartition() {
        start(INTERVAL).adjust(stocked("console", 100));
        IntStream.rangeClosed(1, 20).forEach(i -> inventory.request(orderLine("console", "order-" + i, 1)));
        inventory.advanceWallClock(INTERVAL.minusMillis(1));
        assertThat(inventory.progressRecords()).isEmpty();

        inventory.advanceWallClock(Duration.ofMillis(1));
        IntStream.rangeClosed(21, 30).forEach(i -> inventory.request(orderLine("console", "order-" + i, 1)));
        inventory.advanceWallClock(INTERVAL);

        assertThat(inventory.progressRecords()).extracting(TestRecord::key,
                        record -> record.value().partition(), record -> record.value().nextOffset())
                .containsExactly(tuple("0", 0, 20L), tuple("0", 0, 30L));
    }

    @Test
    void ratesTheRecordsProcessedOverTheInterval() {
        start(INTERVAL).adjust(stocked("console", 100));
        IntStream.rangeClosed(1, 20).forEach(i -> inventory.request(orderLine("console", "order-" + i, 1)));
        inventory.advanceWallClock(INTERVAL);
        IntStream.rangeClosed(21, 25).forEach(i -> inventory.request(orderLine("console", "order-" + i, 1)));
        inventory.advanceWallClock(INTERVAL);

        assertThat(inventory.progressRecords()).extracting(record -> record.value().decisionsPerSecond())
                .containsExactly(200.0, 50.0);
    }

    @Test
    void countsRejectedDuplicateAndUnreadableRecordsAsProcessed() {
        start(INTERVAL).adjust(stocked("console", 1));
        inventory.request(orderLine("console", "order-1", 1), orderLine("console", "order-2", 1),
                orderLine("console", "order-2", 1));
        inventory.pipeRaw(Topics.ORDER_REQUESTS.name(),
                "console".getBytes(StandardCharsets.UTF_8), "not json".getBytes(StandardCharsets.UTF_8), new RecordHeaders());

        inventory.advanceWallClock(INTERVAL);

        assertThat(inventory.progressRecords()).extracting(record -> record.value().nextOffset())
                .containsExactly(4L);
    }

    @Test
    void publishesNothingWhileThePartitionIsIdle() {
        start(INTERVAL).adjust(stocked("console", 100));
        inventory.request(orderLine("console", "order-1", 1));
        inventory.advanceWallClock(INTERVAL);

        IntStream.range(0, 10).forEach(i -> inventory.advanceWallClock(INTERVAL));

        assertThat(inventory.progressRecords()).extracting(TestRecord::value).extracting(DecisionProgress::nextOffset)
                .containsExactly(1L);
    }

    @Test
    void publishesInBatchesEvenWhenEveryStockLevelGoesOutAtOnce() {
        start(Duration.ZERO).adjust(stocked("console", 100));
        IntStream.rangeClosed(1, 5).forEach(i -> inventory.request(orderLine("console", "order-" + i, 1)));

        inventory.publishStockLevels();

        assertThat(inventory.progressRecords()).extracting(record -> record.value().nextOffset())
                .containsExactly(5L);
    }
}
