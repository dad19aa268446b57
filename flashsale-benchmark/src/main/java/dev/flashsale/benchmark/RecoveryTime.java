package dev.flashsale.benchmark;

import static dev.flashsale.benchmark.Say.say;

import dev.flashsale.events.CustomerId;
import dev.flashsale.events.OrderId;
import dev.flashsale.events.OrderLineRequested;
import dev.flashsale.events.ProductId;
import dev.flashsale.events.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * {@code bin/bench --recovery N}: how long the inventory processor takes to come back after {@code kill -9} with N
 * products in its stock store, and that it comes back without deciding an order twice.
 * <p>
 * Under exactly-once a processor killed mid-transaction cannot trust its local RocksDB files: Kafka Streams discards
 * the state of every task that was not closed cleanly and restores it from the changelog topics. So the first case
 * (kill -9, restart, same state directory) is already a restore; the second (state directory deleted too, as on a new
 * machine) is the worst case. Recovery is measured as a buyer sees it: from the kill to the decision of one order on
 * every partition, each for a product stocked before the crash (so a restore that lost the product would reject it
 * as unknown). Afterwards every probe order decided before the crash is sent again: none may be decided a second time.
 */
final class RecoveryTime {

    record Case(String name, double secondsToRunning, double secondsToDecisions, long unknownAfterRestore,
            long decidedTwice) {
    }

    private final LocalSystem system;

    RecoveryTime(LocalSystem system) {
        this.system = system;
    }

    List<Case> measure(int productCount) throws Exception {
        system.start();
        ProcessorCapacity capacity = new ProcessorCapacity(system.bootstrapServers());
        List<ProductId> products = new ArrayList<>();
        for (int i = 0; i < productCount; i++) {
            products.add(new ProductId(UUID.randomUUID().toString()));
        }
        Set<String> productIds = new HashSet<>();
        products.forEach(product -> productIds.add(product.value()));
        List<Case> cases = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = capacity.producer()) {
            long started = System.nanoTime();
            capacity.stock(producer, products, 1_000);
            say("stocked {} products in {} s", productCount, seconds(System.nanoTime() - started));
            ResultsTap tap = new ResultsTap(system.bootstrapServers(), productIds);
            try {
                // Probes: one order for each of a spread of products, so that every partition has one.
                List<ProductId> probed = products.subList(0, Math.min(products.size(), 64));
                Map<String, OrderLineRequested> decidedBefore = probe(producer, tap, probed, "before");
                cases.add(crashAndRestart("kill -9, restart on the same state directory", false, producer, tap,
                        probed));
                cases.add(crashAndRestart("kill -9, state directory deleted, restart", true, producer, tap, probed));
                long before = tap.duplicates();
                decidedBefore.values().forEach(request -> send(producer, request));
                producer.flush();
                // A re-sent order is never answered, so there is nothing to wait for but the time a decision takes.
                Thread.sleep(Duration.ofSeconds(10).toMillis());
                long twice = tap.duplicates() - before;
                cases.add(new Case("orders decided before the crashes, sent again", 0, 0, 0, twice));
            } finally {
                tap.close();
            }
        }
        return cases;
    }

    private Case crashAndRestart(String name, boolean wipeState, KafkaProducer<String, byte[]> producer,
            ResultsTap tap, List<ProductId> probed) throws Exception {
        long pid = system.pid("inventory-processor")
                .orElseThrow(() -> new IllegalStateException("the inventory processor is not running"));
        long killed = System.nanoTime();
        new ProcessBuilder("kill", "-9", Long.toString(pid)).inheritIO().start().waitFor();
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            Thread.sleep(10);
        }
        if (wipeState) {
            system.deleteProcessorState();
        }
        system.start("inventory-processor", Map.of());
        double toRunning = seconds(System.nanoTime() - killed);
        Map<String, OrderLineRequested> probes = probe(producer, tap, probed, name);
        double toDecisions = seconds(System.nanoTime() - killed);
        long unknown = probes.keySet().stream().filter(order -> !tap.decisions().get(order)).count();
        say("{}: RUNNING after {} s, every partition deciding after {} s, {} probe(s) rejected", name, toRunning,
                toDecisions, unknown);
        return new Case(name, toRunning, toDecisions, unknown, 0);
    }

    /** One order per product, all decided within three minutes; returns them by order ID. */
    private Map<String, OrderLineRequested> probe(KafkaProducer<String, byte[]> producer, ResultsTap tap,
            List<ProductId> products, String label) throws InterruptedException {
        Map<String, OrderLineRequested> probes = new LinkedHashMap<>();
        for (ProductId product : products) {
            OrderLineRequested request = new OrderLineRequested(UUID.randomUUID(), OrderId.random(),
                    new CustomerId("b-recovery"), product, 1, Instant.now());
            probes.put(request.orderId().value(), request);
            send(producer, request);
        }
        producer.flush();
        if (!tap.awaitDecisions(probes.keySet(), Duration.ofMinutes(3))) {
            throw new IllegalStateException("probe orders (" + label + ") undecided after three minutes");
        }
        return probes;
    }

    private static void send(KafkaProducer<String, byte[]> producer, OrderLineRequested request) {
        RecordHeaders headers = new RecordHeaders();
        byte[] value = Topics.ORDER_REQUEST_SERDE.encode(headers, request);
        producer.send(new ProducerRecord<>(Topics.ORDER_REQUESTS.name(), null, request.productId().value(), value,
                headers));
    }

    private static double seconds(long nanos) {
        return Math.round(nanos / 1e7) / 100.0;
    }
}
