package dev.flashsale.benchmark;

import dev.flashsale.events.CustomerId;
import dev.flashsale.events.OrderId;
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
 * read from the committed results. This is what the processor can decide on this machine with a given partition and
 * instance count, whatever the HTTP side can deliver.
 */
final class ProcessorCapacity {

    record Result(int partitions, int instances, int products, long records, double decisionsPerSecond,
            Figures.Percentiles serverTimeToFinal, long oversold, long undecided,
            java.util.Map<String, ProcessWatch.Usage> processes) {
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
            try (ProcessWatch watch = new ProcessWatch(pids, false)) {
                for (long i = 0; i < records; i++) {
                    ProductId product = products.get((int) (i % productCount));
                    OrderLineRequested request = new OrderLineRequested(UUID.randomUUID(), OrderId.random(),
                            new CustomerId("b-capacity-" + i), product, 1, Instant.now());
                    orders.add(request.orderId().value());
                    RecordHeaders headers = new RecordHeaders();
                    byte[] value = Topics.ORDER_REQUEST_SERDE.encode(headers, request);
                    producer.send(new ProducerRecord<>(Topics.ORDER_REQUESTS.name(), null, product.value(), value,
                            headers));
                }
                producer.flush();
                tap.awaitDecisions(orders, Duration.ofMinutes(3));
                usage = watch.stop();
            }
            try {
                long undecided = orders.stream().filter(id -> !tap.decisions().containsKey(id)).count();
                long oversold = products.stream().mapToLong(p -> Math.max(0, tap.sold(p.value()) - records)).sum();
                return new Result(partitions, instances, productCount, records,
                        Math.round(tap.decisionsPerSecond() * 100) / 100.0,
                        Figures.Percentiles.of(tap.serverTimeToFinal()), oversold, undecided, usage);
            } finally {
                tap.close();
            }
        }
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
