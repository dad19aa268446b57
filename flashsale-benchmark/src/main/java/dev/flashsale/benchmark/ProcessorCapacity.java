package dev.flashsale.benchmark;

import dev.flashsale.events.CustomerId;
import dev.flashsale.events.OrderPartitions;
import dev.flashsale.events.OrderLineRequested;
import dev.flashsale.events.ProductId;
import dev.flashsale.events.ProductStocked;
import dev.flashsale.events.StockAdjustment;
import dev.flashsale.events.StockLevel;
import dev.flashsale.events.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The inventory processor alone, without the API in front: {@code records} order requests, encoded as the API encodes
 * them, for products spread evenly over the partitions, produced as fast as the producer takes them; decisions/s is
 * read from the committed results, over the whole run and over the drain of the backlog once the producer is done.
 * This is what the processor can decide on this machine with a given partition and instance count, whatever the HTTP
 * side can deliver.
 */
final class ProcessorCapacity {

    /**
     * @param decisionsPerSecond decisions between the first and the last decision's {@code occurredAt}
     * @param drain              the backlog's drain after the producer's flush, and the whole run
     */
    record Result(int partitions, int instances, int products, long records, double decisionsPerSecond,
            Figures.Percentiles serverTimeToFinal, long oversold, long undecided,
            java.util.Map<String, ProcessWatch.Usage> processes, Drain drain) {
    }

    /**
     * How fast the processor works off what the producer left in the topic, once the producer is done and no longer
     * competes for the CPU: decisions made from the producer's flush to the last decision, over that window, and the
     * processor's CPU over it ({@code /proc/<pid>/stat} at the flush and when the last decision was read). The whole
     * run, from the first send to the last decision, beside it.
     *
     * @param produceSeconds            from the first send until the producer's flush returned
     * @param wholeRunPerSecond         every request, from the first send to the last decision
     * @param cpuMicrosPerDecision      processor CPU over the whole run ÷ requests
     * @param drainDecisions            decisions made at or after the flush
     * @param drainSeconds              from the flush to the last decision
     * @param drainPerSecond            {@code drainDecisions ÷ drainSeconds}; empty when nothing was left to drain
     * @param drainCpuSeconds           processor CPU from the flush until the last decision was read
     * @param drainCpuMicrosPerDecision {@code drainCpuSeconds ÷ drainDecisions}
     */
    record Drain(double produceSeconds, double wholeRunPerSecond, Double cpuMicrosPerDecision, long drainDecisions,
            double drainSeconds, Double drainPerSecond, double drainCpuSeconds, Double drainCpuMicrosPerDecision) {

        static Drain of(long records, long firstSendMillis, long flushedMillis, long lastDecisionMillis,
                long drainDecisions, double wholeRunCpuSeconds, double drainCpuSeconds) {
            double wholeSeconds = Math.max(lastDecisionMillis - firstSendMillis, 1) / 1000.0;
            double drainSeconds = Math.max(lastDecisionMillis - flushedMillis, 0) / 1000.0;
            boolean drained = drainDecisions > 0 && drainSeconds > 0;
            return new Drain(round(Math.max(flushedMillis - firstSendMillis, 0) / 1000.0),
                    round(records / wholeSeconds), perDecision(wholeRunCpuSeconds, records), drainDecisions,
                    round(drainSeconds), drained ? round(drainDecisions / drainSeconds) : null,
                    round(drainCpuSeconds), drained ? perDecision(drainCpuSeconds, drainDecisions) : null);
        }

        private static Double perDecision(double cpuSeconds, long decisions) {
            return decisions <= 0 ? null : round(cpuSeconds * 1e6 / decisions);
        }

        private static double round(double value) {
            return Math.round(value * 100) / 100.0;
        }
    }

    private final String bootstrapServers;

    ProcessorCapacity(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    Result measure(int partitions, int instances, int productCount, long records,
            java.util.Map<String, Long> pids) throws Exception {
        List<ProductId> products = new ArrayList<>();
        for (int i = 0; i < productCount; i++) {
            products.add(new ProductId(UUID.randomUUID().toString()));
        }
        try (KafkaProducer<String, byte[]> producer = producer()) {
            stock(producer, products, records);
            Set<String> productIds = new HashSet<>();
            products.forEach(p -> productIds.add(p.value()));
            ResultsTap tap = new ResultsTap(bootstrapServers, productIds);
            Set<String> orders = new HashSet<>();
            java.util.Map<String, ProcessWatch.Usage> usage;
            long firstSendMillis;
            long flushedMillis;
            double cpuAtFlush;
            double cpuAtEnd;
            // As the order API does: a single-line order's ID on its product's partition, decided with its line.
            int topicPartitions = producer.partitionsFor(Topics.ORDER_REQUESTS.name()).size();
            try (ProcessWatch watch = new ProcessWatch(pids, false)) {
                firstSendMillis = System.currentTimeMillis();
                for (long i = 0; i < records; i++) {
                    ProductId product = products.get((int) (i % productCount));
                    OrderLineRequested request = new OrderLineRequested(UUID.randomUUID(),
                            OrderPartitions.orderIdOnPartitionOf(product, topicPartitions),
                            new CustomerId("b-capacity-" + i), product, 1, Instant.now());
                    orders.add(request.orderId().value());
                    RecordHeaders headers = new RecordHeaders();
                    byte[] value = Topics.ORDER_REQUEST_SERDE.encode(headers, request);
                    producer.send(new ProducerRecord<>(Topics.ORDER_REQUESTS.name(), null, product.value(), value,
                            headers));
                }
                producer.flush();
                flushedMillis = System.currentTimeMillis();
                cpuAtFlush = processorCpuSeconds(pids);
                tap.awaitDecisionsWhileProgressing(orders, Duration.ofMinutes(1));
                cpuAtEnd = processorCpuSeconds(pids);
                usage = watch.stop();
            }
            try {
                long undecided = orders.stream().filter(id -> !tap.decisions().containsKey(id)).count();
                long oversold = products.stream().mapToLong(p -> Math.max(0, tap.sold(p.value()) - records)).sum();
                double wholeRunCpu = usage.entrySet().stream().filter(e -> isProcessor(e.getKey()))
                        .mapToDouble(e -> e.getValue().cpuSeconds()).sum();
                Drain drain = Drain.of(records, firstSendMillis, flushedMillis,
                        tap.lastDecisionMillis().orElse(flushedMillis), tap.decidedSince(flushedMillis),
                        wholeRunCpu, cpuAtEnd - cpuAtFlush);
                return new Result(partitions, instances, productCount, records,
                        Math.round(tap.decisionsPerSecond() * 100) / 100.0,
                        Figures.Percentiles.of(tap.serverTimeToFinal()), oversold, undecided, usage, drain);
            } finally {
                tap.close();
            }
        }
    }

    static boolean isProcessor(String process) {
        return process.startsWith("inventory-processor");
    }

    private static double processorCpuSeconds(java.util.Map<String, Long> pids) {
        return pids.entrySet().stream().filter(e -> isProcessor(e.getKey()))
                .mapToDouble(e -> ProcessWatch.cpuSeconds(e.getValue())).sum();
    }

    /** Stocks every product with more units than it can be asked for, and waits until the processor has them. */
    void stock(KafkaProducer<String, byte[]> producer, List<ProductId> products, long units)
            throws InterruptedException {
        try (KafkaConsumer<String, byte[]> levels = levelsConsumer()) {
            List<TopicPartition> partitions = levels.partitionsFor(Topics.STOCK_LEVELS.name(), Duration.ofSeconds(30))
                    .stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            levels.assign(partitions);
            levels.seekToEnd(partitions);
            partitions.forEach(levels::position);
            for (ProductId product : products) {
                StockAdjustment stocked = new ProductStocked(UUID.randomUUID(), product,
                        (int) Math.min(Integer.MAX_VALUE, units), Instant.now());
                RecordHeaders headers = new RecordHeaders();
                byte[] value = Topics.STOCK_ADJUSTMENT_SERDE.encode(headers, stocked);
                producer.send(new ProducerRecord<>(Topics.STOCK_ADJUSTMENTS.name(), null, product.value(), value,
                        headers));
            }
            producer.flush();
            Set<String> waiting = new HashSet<>();
            products.forEach(p -> waiting.add(p.value()));
            // Two minutes, or longer for many products: the processor applies a few thousand stockings a second.
            long deadline = System.nanoTime() + Duration.ofMinutes(2).plusMillis(products.size() * 5L).toNanos();
            while (!waiting.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : levels.poll(Duration.ofMillis(200))) {
                    StockLevel level = Topics.STOCK_LEVEL_SERDE.decode(record.headers(), record.value());
                    waiting.remove(level.productId().value());
                }
            }
            if (!waiting.isEmpty()) {
                throw new IllegalStateException(waiting.size() + " products never got their stock level: is the "
                        + "inventory processor running?");
            }
        }
    }

    KafkaProducer<String, byte[]> producer() {
        return BrokerLimit.apiProducer(bootstrapServers);
    }

    private KafkaConsumer<String, byte[]> levelsConsumer() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }
}
