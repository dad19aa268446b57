package dev.flashsale.chaos.system;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The system under test, every part its own OS process on ports and in directories of the run's own: the brokers,
 * PostgreSQL (reached by the order API through a {@link TcpProxy}), the inventory processor, a second processor
 * instance that only runs while it is made to join, and the order API. The first processor and the order API reach
 * the brokers through proxies of their own ({@link ProxiedClient}), the second processor and the harness directly.
 */
public final class Cluster implements AutoCloseable {

    private final Brokers brokers;
    private final Postgres postgres;
    private final Processor processor;
    private final Processor secondProcessor;
    private final String jwtSecret;
    private TcpProxy databaseProxy;
    private OrderApi api;
    private final Artifacts artifacts;
    private final Path logs;

    private Cluster(Artifacts artifacts, Path directory, int brokerCount) {
        this.artifacts = artifacts;
        this.logs = directory.resolve("logs");
        this.brokers = new Brokers(artifacts, brokerCount, directory, logs);
        this.postgres = new Postgres(artifacts, directory.resolve("postgres"), logs);
        this.processor = new Processor(artifacts, "inventory-processor", directory.resolve("inventory-state-1"),
                brokers, brokers.bootstrapServers(ProxiedClient.PROCESSOR), logs);
        this.secondProcessor = new Processor(artifacts, "inventory-processor-2",
                directory.resolve("inventory-state-2"), brokers, brokers.bootstrapServers(), logs);
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.jwtSecret = HexFormat.of().formatHex(secret);
    }

    /** Starts everything and returns once the processor is RUNNING and the API answers. */
    public static Cluster start(Artifacts artifacts, Path directory, int brokers) {
        Cluster cluster = new Cluster(artifacts, directory, brokers);
        try {
            cluster.startAll();
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    private void startAll() {
        brokers.format();
        both(brokers::start, postgres::start);
        databaseProxy = new TcpProxy(postgres.port());
        api = new OrderApi(artifacts, brokers,
                "jdbc:postgresql://127.0.0.1:" + databaseProxy.port() + "/postgres", jwtSecret, logs);
        both(processor::start, api::start);
    }

    private static void both(Runnable first, Runnable second) {
        CompletableFuture<Void> other = CompletableFuture.runAsync(second, runnable -> new Thread(runnable).start());
        first.run();
        try {
            other.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    public Brokers brokers() {
        return brokers;
    }

    public Postgres postgres() {
        return postgres;
    }

    public TcpProxy databaseProxy() {
        return databaseProxy;
    }

    public Processor processor() {
        return processor;
    }

    public Processor secondProcessor() {
        return secondProcessor;
    }

    public OrderApi api() {
        return api;
    }

    public String jwtSecret() {
        return jwtSecret;
    }

    public Path logs() {
        return logs;
    }

    @Override
    public void close() {
        if (api != null) {
            api.stop();
        }
        secondProcessor.stop();
        processor.stop();
        brokers.stop();
        postgres.stop();
        if (databaseProxy != null) {
            databaseProxy.close();
        }
    }
}
