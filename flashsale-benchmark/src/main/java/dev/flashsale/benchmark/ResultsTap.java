package dev.flashsale.benchmark;

import dev.flashsale.events.OrderAccepted;
import dev.flashsale.events.OrderResult;
import dev.flashsale.events.PoisonRecordException;
import dev.flashsale.events.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the processor's decisions for the products of one run from {@code flashsale.order-results}, committed ones
 * only, from the moment the tap opens: how many, how fast (by their own {@code occurredAt}), how late after the
 * request ({@code occurredAt - requestedAt}, the server-side time to a final status) and how many units were sold.
 */
final class ResultsTap implements AutoCloseable {

    /** How many of the latest decisions {@link #recentDecisions()} keeps. */
    private static final int RECENT = 32;

    private final KafkaConsumer<String, byte[]> consumer;
    private final Set<String> products;
    private final Map<String, Boolean> decisions = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> soldByProduct = new ConcurrentHashMap<>();
    private final Histogram serverTimeToFinal = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(5), 3);
    private final LongAdder duplicates = new LongAdder();
    private final AtomicLong firstDecisionMillis = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong lastDecisionMillis = new AtomicLong(Long.MIN_VALUE);
    private final Map<Long, LongAdder> decisionsPerMilli = new ConcurrentSkipListMap<>();
    private final java.util.Deque<String> recent = new java.util.ArrayDeque<>();
    private final Thread reader;
    private volatile boolean open = true;

    ResultsTap(String bootstrapServers, Set<String> products) {
        this.products = Set.copyOf(products);
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.ORDER_RESULTS.name(), Duration.ofSeconds(30))
                .stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve the end now, before any order of this run exists
        reader = new Thread(this::read, "results-tap");
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        while (open) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                OrderResult result;
                try {
                    result = Topics.ORDER_RESULT_SERDE.decode(record.headers(), record.value());
                } catch (PoisonRecordException e) {
                    continue; // not ours to judge; the processor never writes one
                }
                if (products.contains(result.productId().value())) {
                    take(result);
                }
            }
        }
        consumer.close(Duration.ofSeconds(5));
    }

    private void take(OrderResult result) {
        boolean accepted = result instanceof OrderAccepted;
        if (decisions.putIfAbsent(result.orderId().value(), accepted) != null) {
            duplicates.increment();
            return;
        }
        if (accepted) {
            soldByProduct.computeIfAbsent(result.productId().value(), p -> new LongAdder()).add(result.quantity());
        }
        long decided = result.occurredAt().toEpochMilli();
        firstDecisionMillis.accumulateAndGet(decided, Math::min);
        lastDecisionMillis.accumulateAndGet(decided, Math::max);
        decisionsPerMilli.computeIfAbsent(decided, m -> new LongAdder()).increment();
        synchronized (recent) {
            recent.addLast(result.orderId().value());
            if (recent.size() > RECENT) {
                recent.removeFirst();
            }
        }
        long micros = Duration.between(result.requestedAt(), result.occurredAt()).toNanos() / 1000;
        serverTimeToFinal.recordValue(Math.max(0, Math.min(micros, serverTimeToFinal.getHighestTrackableValue())));
    }

    /** Waits until every one of {@code orderIds} has a decision, or the timeout ends; true if all have one. */
    boolean awaitDecisions(Set<String> orderIds, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (hasAll(orderIds)) {
                return true;
            }
            Thread.sleep(10);
        }
        return hasAll(orderIds);
    }

    /**
     * Waits until every one of {@code orderIds} has a decision, for as long as new decisions keep coming: gives up
     * when none came for {@code stall}. For long backlogs, whose length depends on the machine. True if all have one.
     */
    boolean awaitDecisionsWhileProgressing(Set<String> orderIds, Duration stall) throws InterruptedException {
        int seen = decisions.size();
        long lastProgress = System.nanoTime();
        while (System.nanoTime() - lastProgress < stall.toNanos()) {
            if (hasAll(orderIds)) {
                return true;
            }
            if (decisions.size() != seen) {
                seen = decisions.size();
                lastProgress = System.nanoTime();
            }
            Thread.sleep(10);
        }
        return hasAll(orderIds);
    }

    // The size first: containsAll over 200,000 IDs every 10 ms would cost the machine what it is measuring.
    private boolean hasAll(Set<String> orderIds) {
        return decisions.size() >= orderIds.size() && decisions.keySet().containsAll(orderIds);
    }

    /** The orders of the last few decisions read, oldest first. */
    List<String> recentDecisions() {
        synchronized (recent) {
            return List.copyOf(recent);
        }
    }

    /** Decisions whose {@code occurredAt} is at or after {@code epochMillis}. */
    long decidedSince(long epochMillis) {
        return decisionsPerMilli.entrySet().stream().filter(e -> e.getKey() >= epochMillis)
                .mapToLong(e -> e.getValue().sum()).sum();
    }

    /** The {@code occurredAt} of the latest decision, in epoch milliseconds; empty before the first. */
    java.util.OptionalLong lastDecisionMillis() {
        return decisions.isEmpty() ? java.util.OptionalLong.empty()
                : java.util.OptionalLong.of(lastDecisionMillis.get());
    }

    Map<String, Boolean> decisions() {
        return decisions;
    }

    long sold(String productId) {
        LongAdder sold = soldByProduct.get(productId);
        return sold == null ? 0 : sold.sum();
    }

    Histogram serverTimeToFinal() {
        return serverTimeToFinal;
    }

    long duplicates() {
        return duplicates.sum();
    }

    /** Decisions per second between the first and the last decision of the run. */
    double decisionsPerSecond() {
        long span = lastDecisionMillis.get() - firstDecisionMillis.get();
        return decisions.isEmpty() ? 0 : decisions.size() * 1000.0 / Math.max(span, 1);
    }

    Instant firstDecision() {
        return decisions.isEmpty() ? null : Instant.ofEpochMilli(firstDecisionMillis.get());
    }

    @Override
    public void close() throws InterruptedException {
        open = false;
        reader.join(TimeUnit.SECONDS.toMillis(10));
    }
}
