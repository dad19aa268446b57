package dev.flashsale.chaos.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.Uuid;

/**
 * A single-node KRaft broker in its own JVM, configured and formatted as {@code bin/run-local} does it, on ports and a
 * log directory of the run's own. A restart keeps the log directory: the broker comes back with every record.
 */
public final class Broker {

    private final Artifacts artifacts;
    private final Path directory;
    private final int port = Ports.free();
    private final int controllerPort = Ports.free();
    private final ManagedProcess process;

    Broker(Artifacts artifacts, Path directory, Path logs) {
        this.artifacts = artifacts;
        this.directory = directory;
        Path properties = directory.resolve("server.properties");
        this.process = new ManagedProcess("kafka", List.of(artifacts.java().toString(),
                "-Dflashsale.component=chaos-kafka", "-Xmx384m", "-XX:+ExitOnOutOfMemoryError", "-XX:+UseG1GC",
                "-XX:MaxGCPauseMillis=20", "-Djava.awt.headless=true", "-cp", artifacts.launcherClassPath(),
                "kafka.Kafka", properties.toString()), Map.of(), logs.resolve("kafka.log"));
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Writes the configuration and formats the log directory; once per run. */
    void format() {
        try {
            Files.createDirectories(directory.resolve("data"));
            Files.writeString(directory.resolve("server.properties"), """
                    # Written by the chaos harness: one process is broker and controller, as under bin/run-local.
                    process.roles=broker,controller
                    node.id=1
                    controller.quorum.bootstrap.servers=127.0.0.1:%2$d
                    listeners=PLAINTEXT://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d
                    advertised.listeners=PLAINTEXT://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d
                    listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
                    controller.listener.names=CONTROLLER
                    inter.broker.listener.name=PLAINTEXT
                    log.dirs=%3$s
                    num.partitions=6
                    offsets.topic.replication.factor=1
                    transaction.state.log.replication.factor=1
                    transaction.state.log.min.isr=1
                    share.coordinator.state.topic.replication.factor=1
                    share.coordinator.state.topic.min.isr=1
                    group.initial.rebalance.delay.ms=0
                    """.formatted(port, controllerPort, directory.resolve("data")));
            Path log = process.log();
            Files.createDirectories(log.getParent());
            Process format = new ProcessBuilder(artifacts.java().toString(), "-cp", artifacts.launcherClassPath(),
                    "kafka.tools.StorageTool", "format", "--standalone", "-t", Uuid.randomUuid().toString(),
                    "-c", directory.resolve("server.properties").toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            if (!format.waitFor(2, TimeUnit.MINUTES) || format.exitValue() != 0) {
                throw new IllegalStateException("formatting the broker's log directory failed; see " + log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    void start() {
        process.start();
        process.awaitReady("listening on port " + port, Duration.ofMinutes(3), () -> Ports.answers(port));
    }

    /** A clean restart: SIGTERM (controlled shutdown), wait, start on the same log directory. */
    public void restart() {
        stop();
        start();
    }

    void stop() {
        process.stop(Duration.ofSeconds(60));
    }

    public ManagedProcess process() {
        return process;
    }
}
