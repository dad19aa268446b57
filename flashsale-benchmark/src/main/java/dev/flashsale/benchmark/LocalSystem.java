package dev.flashsale.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The flashsale processes of this checkout, through {@code bin/run-local}: started if they are not running, and the
 * inventory processor restarted with other settings for the commit-interval curve and the scaling runs.
 */
final class LocalSystem {

    static final List<String> COMPONENTS = List.of("kafka", "inventory-processor", "order-api");

    private final Path root;

    LocalSystem(Path root) {
        this.root = root;
    }

    String bootstrapServers() {
        return "localhost:" + environment("KAFKA_PORT", "9092");
    }

    String baseUrl() {
        return "http://localhost:" + environment("SERVER_PORT", "8080");
    }

    private static String environment(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    void start() {
        runLocal(Map.of(), "start");
    }

    /** Stops the processor and starts it again with {@code environment} added to this process's. */
    void restartProcessor(Map<String, String> environment) {
        runLocal(Map.of(), "stop", "inventory-processor");
        runLocal(environment, "start", "inventory-processor");
    }

    void stopAll() {
        runLocal(Map.of(), "stop");
    }

    void start(String component, Map<String, String> environment) {
        runLocal(environment, "start", component);
    }

    /** Deletes the broker's log directory and the processor's state: fresh topics on the next start. */
    void wipeKafkaAndState() throws IOException {
        delete(".local/kafka");
        deleteProcessorState();
    }

    /** Deletes the inventory processors' state directories, as on a machine that never ran one. */
    void deleteProcessorState() throws IOException {
        delete(".local/inventory-state");
        delete(".local/inventory-state-2");
    }

    private void delete(String directory) throws IOException {
        Path path = root.resolve(directory);
        if (Files.exists(path)) {
            try (var files = Files.walk(path)) {
                for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    /**
     * A second inventory processor, as {@code bin/run-local} starts the first but with its own state directory and
     * management port; returns once Kafka Streams reports RUNNING in its log.
     */
    Process startSecondProcessor(Map<String, String> environment) throws IOException, InterruptedException {
        Map<String, String> second = new LinkedHashMap<>(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", bootstrapServers(),
                "INVENTORY_STATE_DIR", root.resolve(".local/inventory-state-2").toString(),
                "INVENTORY_MANAGEMENT_PORT", environment("BENCH_SECOND_PROCESSOR_MANAGEMENT_PORT", "18283")));
        second.putAll(environment);
        return Launch.processor(root, "inventory-processor-2", second,
                root.resolve(".local/inventory-processor-2.log"));
    }

    /**
     * Stops the order API and the processor and starts them again (processor first, as {@code bin/run-local} does):
     * fresh JVMs on the same broker, topics and state.
     */
    void restartServices() {
        runLocal(Map.of(), "stop", "order-api");
        runLocal(Map.of(), "stop", "inventory-processor");
        runLocal(Map.of(), "start", "inventory-processor");
        runLocal(Map.of(), "start", "order-api");
    }

    /** The running components' pids, from {@code .local/<component>.pid}. */
    Map<String, Long> pids() {
        Map<String, Long> pids = new LinkedHashMap<>();
        for (String component : COMPONENTS) {
            pid(component).ifPresent(pid -> pids.put(component, pid));
        }
        return pids;
    }

    Optional<Long> pid(String component) {
        Path file = root.resolve(".local").resolve(component + ".pid");
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readString(file).strip());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(ProcessHandle::pid);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private void runLocal(Map<String, String> environment, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(root.resolve("bin/run-local").toString());
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).inheritIO();
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException("bin/run-local " + String.join(" ", arguments) + " failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not run bin/run-local", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
