package dev.flashsale.chaos.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.Uuid;

/**
 * One KRaft node, broker and controller in one JVM, on ports and a log directory of the run's own. A restart keeps the
 * log directory: the node comes back with every record it had written to it.
 */
public final class Broker {

    private final Artifacts artifacts;
    private final Path directory;
    private final int nodeId;
    private final int port = Ports.free();
    private final int controllerPort = Ports.free();
    /** The metadata log directory's ID, named in the initial voter set every node is formatted with. */
    private final Uuid directoryId = Uuid.randomUuid();
    private final ManagedProcess process;
    /** Per proxied client: the port of its listener, and the proxy in front of it that the listener advertises. */
    private final Map<ProxiedClient, Integer> listenerPorts = new EnumMap<>(ProxiedClient.class);
    private final Map<ProxiedClient, TcpProxy> proxies = new EnumMap<>(ProxiedClient.class);

    Broker(Artifacts artifacts, int nodeId, Path directory, Path logs) {
        this.artifacts = artifacts;
        this.nodeId = nodeId;
        this.directory = directory;
        for (ProxiedClient client : ProxiedClient.values()) {
            int listenerPort = Ports.free();
            listenerPorts.put(client, listenerPort);
            proxies.put(client, new TcpProxy(listenerPort));
        }
        Path properties = directory.resolve("server.properties");
        this.process = new ManagedProcess("kafka-" + nodeId, List.of(artifacts.java().toString(),
                "-Dflashsale.component=chaos-kafka-" + nodeId, "-Xmx384m", "-XX:+ExitOnOutOfMemoryError",
                // C1 only: three brokers' C2 compilations starve a 2-core machine while the services start.
                "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20", "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true",
                "-cp", artifacts.launcherClassPath(), "kafka.Kafka", properties.toString()), Map.of(),
                logs.resolve("kafka-" + nodeId + ".log"));
    }

    public int nodeId() {
        return nodeId;
    }

    public String address() {
        return "127.0.0.1:" + port;
    }

    /** Where {@code client} reaches this broker: its proxy. */
    String address(ProxiedClient client) {
        return "127.0.0.1:" + proxies.get(client).port();
    }

    TcpProxy proxy(ProxiedClient client) {
        return proxies.get(client);
    }

    String controllerAddress() {
        return "127.0.0.1:" + controllerPort;
    }

    /** This node as a member of {@code --initial-controllers}: {@code id@host:port:directoryId}. */
    String voter() {
        return nodeId + "@" + controllerAddress() + ":" + directoryId;
    }

    /**
     * Writes the configuration and formats the log directory; once per run.
     *
     * @param settings    the cluster-wide lines: quorum, replication
     * @param controllers the {@code --initial-controllers} of every node, or null for a single standalone voter
     */
    void format(String clusterId, String settings, String controllers) {
        try {
            Files.createDirectories(directory.resolve("data"));
            StringBuilder listeners = new StringBuilder("PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:"
                    + controllerPort);
            StringBuilder advertised = new StringBuilder(listeners);
            StringBuilder protocols = new StringBuilder("PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            for (ProxiedClient client : ProxiedClient.values()) {
                listeners.append(',').append(client.listener()).append("://127.0.0.1:")
                        .append(listenerPorts.get(client));
                advertised.append(',').append(client.listener()).append("://").append(address(client));
                protocols.append(',').append(client.listener()).append(":PLAINTEXT");
            }
            Files.writeString(directory.resolve("server.properties"), """
                    # Written by the chaos harness: each process is broker and controller, as in docker-compose.yml.
                    # The processor's first instance and the order API have listeners of their own, advertised at
                    # proxies that can cut them off (ProxiedClient).
                    process.roles=broker,controller
                    node.id=%1$d
                    listeners=%2$s
                    advertised.listeners=%3$s
                    listener.security.protocol.map=%4$s
                    controller.listener.names=CONTROLLER
                    inter.broker.listener.name=PLAINTEXT
                    log.dirs=%5$s
                    num.partitions=6
                    group.initial.rebalance.delay.ms=0
                    """.formatted(nodeId, listeners, advertised, protocols, directory.resolve("data")) + settings);
            Path log = process.log();
            Files.createDirectories(log.getParent());
            List<String> command = new java.util.ArrayList<>(List.of(artifacts.java().toString(), "-cp",
                    artifacts.launcherClassPath(), "kafka.tools.StorageTool", "format", "-t", clusterId, "-c",
                    directory.resolve("server.properties").toString()));
            command.addAll(controllers == null ? List.of("--standalone")
                    : List.of("--initial-controllers", controllers));
            Process format = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            if (!format.waitFor(2, TimeUnit.MINUTES) || format.exitValue() != 0) {
                throw new IllegalStateException("formatting the log directory of kafka-" + nodeId + " failed; see "
                        + log);
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
    void restart() {
        stop();
        start();
    }

    /** {@code kill -9}, then a start on the same log directory, which it recovers as after a power cut. */
    void killAndRestart() {
        process.kill();
        start();
    }

    void stop() {
        process.stop(Duration.ofSeconds(60));
    }

    void closeProxies() {
        proxies.values().forEach(TcpProxy::close);
    }

    public ManagedProcess process() {
        return process;
    }
}
