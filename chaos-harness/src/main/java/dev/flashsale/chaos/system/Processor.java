package dev.flashsale.chaos.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** One inventory-processor instance: its own state directory and management port, the run's brokers. */
public final class Processor {

    private final ManagedProcess process;
    private final Path clockOffsetFile;
    private Duration clockOffset = Duration.ZERO;

    /**
     * @param name             its process's name, and its instance name ({@code INVENTORY_INSTANCE}): the client ID of
     *                         its Kafka clients and the header on every record it writes
     * @param bootstrapServers the brokers' own addresses, or the proxies that can partition it from them
     */
    Processor(Artifacts artifacts, String name, Path stateDirectory, Brokers brokers, String bootstrapServers,
            Path logs) {
        int managementPort = Ports.free();
        this.clockOffsetFile = stateDirectory.resolveSibling(name + "-clock-offset");
        this.process = new ManagedProcess(name, List.of(artifacts.java().toString(),
                "-Dflashsale.component=chaos-" + name, "-Xmx384m", "-XX:+ExitOnOutOfMemoryError", "-jar",
                artifacts.processorJar().toString()), Map.of(
                        "KAFKA_BOOTSTRAP_SERVERS", bootstrapServers,
                        "INVENTORY_INSTANCE", name,
                        "FLASHSALE_TOPIC_REPLICATION_FACTOR", Short.toString(brokers.replicationFactor()),
                        "FLASHSALE_TOPIC_MIN_INSYNC_REPLICAS", Integer.toString(brokers.minInsyncReplicas()),
                        "INVENTORY_STATE_DIR", stateDirectory.toString(),
                        "INVENTORY_MANAGEMENT_PORT", Integer.toString(managementPort),
                        "INVENTORY_CLOCK_OFFSET_FILE", clockOffsetFile.toString()),
                logs.resolve(name + ".log"));
    }

    /** The name its records and its Kafka clients carry. */
    public String instance() {
        return process.name();
    }

    /** Starts it and waits until Kafka Streams is RUNNING: it owns partitions and restored its stores. */
    public void start() {
        process.start();
        process.awaitReady("in Kafka Streams state RUNNING", ManagedProcess.START_TIMEOUT,
                () -> running(process.logSinceStart()));
    }

    /** Whether Kafka Streams has reached RUNNING since {@code mark}, a {@link ManagedProcess#logEnd()}. */
    public boolean runningSince(long mark) {
        return running(process.logSince(mark));
    }

    private static boolean running(String log) {
        return log.contains("State transition from REBALANCING to RUNNING") || log.contains("-> RUNNING");
    }

    public void kill() {
        process.kill();
    }

    /** SIGTERM: Kafka Streams closes and leaves the group, its partitions move to the other instance. */
    public void stop() {
        process.stop(Duration.ofSeconds(60));
    }

    /**
     * Steps this process's wall clock by {@code by}, and only this process's: the processor adds the offset in its
     * file to the system's clock (its {@code ClockSettings}) and reads the file again within 100 ms. The offset
     * outlives a restart, as a wrong clock would.
     */
    public synchronized void stepClock(Duration by) {
        clockOffset = clockOffset.plus(by);
        try {
            Path written = Files.writeString(clockOffsetFile.resolveSibling(clockOffsetFile.getFileName() + ".new"),
                    Long.toString(clockOffset.toMillis()));
            Files.move(written, clockOffsetFile, StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot step the clock of " + clockOffsetFile, e);
        }
    }

    public ManagedProcess process() {
        return process;
    }
}
