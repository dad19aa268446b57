package dev.flashsale.benchmark;

import static dev.flashsale.benchmark.Say.say;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The inventory processor alone on one partition with one stream thread, next to what the broker moves through one
 * partition, in the same run. A broker and a processor of the bench's own are started for it, on ports the OS picks and
 * with their data under {@code <output>/processor-alone/}, so that the local system and its topics are untouched; both
 * are stopped and their data deleted afterwards (the logs stay). An unrecorded round first, so the processor's JIT has
 * compiled its hot path; then the measured round ({@link ProcessorCapacity}), then the broker limit for as many
 * records.
 */
final class ProcessorAlone {

    static final int PARTITIONS = 1;
    static final int STREAM_THREADS = 1;
    /** As many products as the other processor-alone measures, all on the one partition. */
    static final int PRODUCTS = 48;

    /**
     * @param processorToBroker the processor's drain rate (else its whole-run rate) ÷ the broker's records/s
     */
    record Result(double loadAverageAtStart, long warmUpRequests, ProcessorCapacity.Result processor,
            BrokerLimit.Result broker, Double processorToBroker) {

        double decisionsPerSecond() {
            return ProcessorAlone.decisionsPerSecond(processor);
        }
    }

    private final Path root;
    private final Path directory;

    ProcessorAlone(Path root, Path directory) {
        this.root = root;
        // Absolute: it ends up in the broker's server.properties.
        this.directory = directory.toAbsolutePath();
    }

    Result measure(long warmUpRequests, long requests, String runId) throws Exception {
        delete(directory.resolve("kafka"));
        delete(directory.resolve("inventory-state"));
        int port = Launch.freePort();
        int controllerPort = Launch.freePort();
        String bootstrapServers = "localhost:" + port;
        say("processor alone: starting a broker on port {} and a processor (1 partition, 1 stream thread) under {}",
                port, directory);
        Process broker = null;
        Process processor = null;
        try {
            broker = Launch.broker(root, "bench-alone-kafka", directory.resolve("kafka"), port, controllerPort,
                    PARTITIONS, directory.resolve("kafka.log"));
            processor = Launch.processor(root, "bench-alone-inventory-processor", Map.of(
                    "KAFKA_BOOTSTRAP_SERVERS", bootstrapServers,
                    "FLASHSALE_TOPIC_PARTITIONS", Integer.toString(PARTITIONS),
                    "INVENTORY_NUM_STREAM_THREADS", Integer.toString(STREAM_THREADS),
                    "INVENTORY_STATE_DIR", directory.resolve("inventory-state").toString(),
                    "INVENTORY_APPLICATION_ID", "flashsale-bench-alone",
                    "INVENTORY_MANAGEMENT_PORT", Integer.toString(Launch.freePort())),
                    directory.resolve("inventory-processor.log"));
            Map<String, Long> pids = new LinkedHashMap<>();
            pids.put("inventory-processor", processor.pid());
            pids.put("kafka", broker.pid());
            ProcessorCapacity capacity = new ProcessorCapacity(bootstrapServers);
            if (warmUpRequests > 0) {
                say("processor alone: {} requests to warm it up (not recorded)", warmUpRequests);
                capacity.measure(PARTITIONS, 1, PRODUCTS, warmUpRequests, pids);
            }
            double load = Machine.loadAverage();
            ProcessorCapacity.Result result = capacity.measure(PARTITIONS, 1, PRODUCTS, requests, pids);
            BrokerLimit.Result limit = new BrokerLimit(bootstrapServers).measure(PARTITIONS, requests, runId);
            Result alone = new Result(load, warmUpRequests, result, limit,
                    Math.round(decisionsPerSecond(result) / limit.recordsPerSecond() * 1000) / 1000.0);
            ProcessorCapacity.Drain drain = result.drain();
            say("processor alone: {} decisions/s draining ({} in {} s, {} µs CPU each), {} decisions/s over the whole"
                    + " run; broker {} records/s through one partition; undecided {}", drain.drainPerSecond(),
                    drain.drainDecisions(), drain.drainSeconds(), drain.drainCpuMicrosPerDecision(),
                    drain.wholeRunPerSecond(), Math.round(limit.recordsPerSecond()), result.undecided());
            return alone;
        } finally {
            Launch.stop(processor, Duration.ofSeconds(30));
            Launch.stop(broker, Duration.ofSeconds(30));
            delete(directory.resolve("kafka"));
            delete(directory.resolve("inventory-state"));
        }
    }

    /** The drain rate when there was a backlog to drain, else the whole run's. */
    static double decisionsPerSecond(ProcessorCapacity.Result result) {
        Double drain = result.drain().drainPerSecond();
        return drain != null ? drain : result.drain().wholeRunPerSecond();
    }

    private static void delete(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> files = Files.walk(path)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
