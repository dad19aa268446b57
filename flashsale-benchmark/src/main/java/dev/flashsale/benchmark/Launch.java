package dev.flashsale.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.apache.kafka.common.Uuid;

/**
 * Starts a broker or an inventory processor of this checkout's build as {@code bin/run-local} does (the broker from
 * local-launcher's class path, formatted for KRaft; the processor from its {@code -exec} jar), for the processes the
 * bench runs beside the local system: the second processor of {@code --scaling} and the processor-alone system.
 * Each is stopped on Ctrl-C.
 */
final class Launch {

    private Launch() {
    }

    /**
     * An inventory processor with this process's environment and {@code environment} on top, without the order API's
     * {@code SERVER_PORT}; returns once Kafka Streams is RUNNING (it owns its partitions and restored its stores).
     */
    static Process processor(Path root, String component, Map<String, String> environment, Path log)
            throws IOException, InterruptedException {
        Path jar = build(root.resolve("inventory-processor/target"), name -> name.endsWith("-exec.jar"));
        List<String> command = new ArrayList<>(List.of(java(), "-Dflashsale.component=" + component, "-Xmx512m",
                "-XX:+ExitOnOutOfMemoryError"));
        command.addAll(jvmOptions("INVENTORY_PROCESSOR_JVM_OPTIONS"));
        command.addAll(List.of("-jar", jar.toString()));
        Process process = start(root, command, environment, log, builder -> {
            builder.environment().remove("SERVER_PORT");
            builder.environment().remove("MANAGEMENT_SERVER_PORT");
            // One broker: no topic can have more replicas than that.
            builder.environment().put("FLASHSALE_TOPIC_REPLICATION_FACTOR", "1");
            builder.environment().put("FLASHSALE_TOPIC_MIN_INSYNC_REPLICAS", "1");
        });
        awaitReady(process, component, "in Kafka Streams state RUNNING", log, () -> {
            String text = read(log);
            return text.contains("State transition from REBALANCING to RUNNING") || text.contains("-> RUNNING");
        });
        return process;
    }

    /**
     * A single-node KRaft broker (broker and controller in one process, as under {@code bin/run-local}) on
     * {@code port} and {@code controllerPort}, its log directory under {@code directory}, formatted afresh; new topics
     * get {@code partitions} partitions. Returns once it listens.
     */
    static Process broker(Path root, String component, Path directory, int port, int controllerPort, int partitions,
            Path log) throws IOException, InterruptedException {
        Files.createDirectories(directory.resolve("data"));
        Path properties = directory.resolve("server.properties");
        Files.writeString(properties, """
                # Written by bin/bench: one process is broker and controller, as under bin/run-local.
                process.roles=broker,controller
                node.id=1
                controller.quorum.bootstrap.servers=localhost:%2$d
                listeners=PLAINTEXT://localhost:%1$d,CONTROLLER://localhost:%2$d
                advertised.listeners=PLAINTEXT://localhost:%1$d,CONTROLLER://localhost:%2$d
                listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
                controller.listener.names=CONTROLLER
                inter.broker.listener.name=PLAINTEXT
                log.dirs=%3$s
                num.partitions=%4$d
                offsets.topic.replication.factor=1
                transaction.state.log.replication.factor=1
                transaction.state.log.min.isr=1
                share.coordinator.state.topic.replication.factor=1
                share.coordinator.state.topic.min.isr=1
                group.initial.rebalance.delay.ms=0
                """.formatted(port, controllerPort, directory.resolve("data"), partitions));
        String classPath = launcherClassPath(root);
        Files.createDirectories(log.getParent());
        Process format = new ProcessBuilder(java(), "-cp", classPath, "kafka.tools.StorageTool", "format",
                "--standalone", "-t", Uuid.randomUuid().toString(), "-c", properties.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (!format.waitFor(2, TimeUnit.MINUTES) || format.exitValue() != 0) {
            throw new IllegalStateException("formatting " + directory + " failed; see " + log);
        }
        String heap = System.getenv().getOrDefault("KAFKA_HEAP", "512m");
        List<String> command = new ArrayList<>(List.of(java(), "-Dflashsale.component=" + component, "-Xmx" + heap,
                "-XX:+ExitOnOutOfMemoryError", "-Djava.awt.headless=true"));
        command.addAll(jvmOptions("KAFKA_JVM_OPTIONS"));
        command.addAll(List.of("-cp", classPath, "kafka.Kafka", properties.toString()));
        Process process = start(root, command, Map.of(), log, builder -> { });
        awaitReady(process, component, "listening on port " + port, log, () -> answers(port));
        return process;
    }

    /**
     * The collector and JIT options {@code bin/run-local} gives the JVM of that variable's component: the variable if
     * set (empty for the JVM's own defaults), else the same defaults as there. The lock-based baseline's
     * ({@code BASELINE_JVM_OPTIONS}) are the order API's unless set, so both web applications run with the same
     * settings; setting it shows what the baseline does with others.
     */
    static List<String> jvmOptions(String variable) {
        String options = System.getenv(variable);
        if (options == null && variable.equals("BASELINE_JVM_OPTIONS")) {
            return jvmOptions("ORDER_API_JVM_OPTIONS");
        }
        if (options == null) {
            options = switch (variable) {
                case "KAFKA_JVM_OPTIONS", "INVENTORY_PROCESSOR_JVM_OPTIONS", "ORDER_API_JVM_OPTIONS" ->
                        "-XX:+UseParallelGC -XX:TieredStopAtLevel=1 -XX:Tier3InvocationThreshold=20"
                                + " -XX:Tier3MinInvocationThreshold=10 -XX:Tier3CompileThreshold=200"
                                + " -XX:Tier3BackEdgeThreshold=2000";
                default -> throw new IllegalArgumentException("no JVM options named " + variable);
            };
        }
        return java.util.Arrays.stream(options.trim().split("\\s+")).filter(option -> !option.isEmpty()).toList();
    }

    /** SIGTERM, then SIGKILL after {@code grace}; returns when it is gone. */
    static void stop(Process process, Duration grace) throws InterruptedException {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** A port nothing listens on now, picked by the OS. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    static boolean answers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Process start(Path root, List<String> command, Map<String, String> environment, Path log,
            java.util.function.Consumer<ProcessBuilder> adjust) throws IOException {
        Files.createDirectories(log.getParent());
        Files.deleteIfExists(log);
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File(
                        "/dev/null")));
        adjust.accept(builder);
        builder.environment().putAll(environment);
        Process process = builder.start();
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "stop-" + process.pid()));
        return process;
    }

    private static void awaitReady(Process process, String component, String what, Path log, BooleanSupplier ready)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (!ready.getAsBoolean()) {
            if (!process.isAlive()) {
                throw new IllegalStateException(component + " exited before it was " + what + "; see " + log);
            }
            if (System.nanoTime() > deadline) {
                stop(process, Duration.ofSeconds(30));
                throw new IllegalStateException(component + " was not " + what + " within 3 minutes; see " + log);
            }
            Thread.sleep(250);
        }
    }

    private static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Kafka's broker and tools, as {@code bin/run-local} runs them: local-launcher's jar and its lib folder. */
    private static String launcherClassPath(Path root) throws IOException {
        Path target = root.resolve("local-launcher/target");
        Path jar = build(target, name -> name.startsWith("local-launcher-") && name.endsWith(".jar")
                && !name.endsWith("-sources.jar") && !name.endsWith("-tests.jar"));
        if (!Files.isDirectory(target.resolve("lib"))) {
            throw new IllegalStateException("no " + target.resolve("lib")
                    + ": build first (./mvnw -DskipTests package)");
        }
        return target.resolve("lib") + "/*" + java.io.File.pathSeparator + jar;
    }

    private static Path build(Path directory, java.util.function.Predicate<String> name) throws IOException {
        if (!Files.isDirectory(directory)) {
            throw new IllegalStateException("no " + directory + ": build first (./mvnw -DskipTests package)");
        }
        try (Stream<Path> files = Files.list(directory)) {
            List<Path> found = new ArrayList<>(files.filter(f -> name.test(f.getFileName().toString())).toList());
            if (found.isEmpty()) {
                throw new IllegalStateException("nothing built in " + directory + ": ./mvnw -DskipTests package");
            }
            return found.get(0);
        }
    }
}
