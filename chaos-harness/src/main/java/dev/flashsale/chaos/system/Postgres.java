package dev.flashsale.chaos.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The run's own PostgreSQL server, so that it can really be stopped and started: local-launcher's
 * {@code EmbeddedPostgresMain} in its own JVM, as {@code bin/run-local} runs it (as "nobody" in a user namespace when
 * this runs as root, since PostgreSQL refuses root). Its data directory is kept across restarts.
 */
public final class Postgres {

    private final Path directory;
    private final int port = Ports.free();
    private final ManagedProcess process;

    Postgres(Artifacts artifacts, Path directory, Path logs) {
        this.directory = directory;
        List<String> command = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("unshare", "--user", "--map-user=65534", "--map-group=65534"));
        }
        command.addAll(List.of(artifacts.java().toString(), "-Dflashsale.component=chaos-postgres", "-Xmx128m",
                "-XX:+ExitOnOutOfMemoryError", "-cp", artifacts.launcherClassPath(),
                "dev.flashsale.launcher.EmbeddedPostgresMain", directory.toString(), Integer.toString(port)));
        this.process = new ManagedProcess("postgres", command, Map.of(), logs.resolve("postgres.log"));
    }

    public int port() {
        return port;
    }

    /** Straight to the server, not through the proxy the order API uses: the checks read the read model here. */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    void start() {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        stopOrphanedServer();
        process.start();
        process.awaitReady("ready on port " + port, Duration.ofMinutes(3),
                () -> process.logSinceStart().contains("ready on port " + port));
    }

    /** SIGTERM to the launcher, whose shutdown hook stops the server; then start it on the same data. */
    public void restart() {
        stop();
        start();
    }

    void stop() {
        process.stop(Duration.ofSeconds(60));
        stopOrphanedServer();
    }

    /** The server outlives its launcher when that is killed; its own pid file says where it is. */
    private void stopOrphanedServer() {
        Optional<ProcessHandle> server = postmaster();
        if (server.isEmpty()) {
            return;
        }
        try {
            // SIGINT is PostgreSQL's fast shutdown; ProcessHandle can only send TERM (smart shutdown) or KILL.
            new ProcessBuilder("kill", "-INT", Long.toString(server.get().pid())).start().waitFor();
            server.get().onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            server.get().destroyForcibly();
        }
    }

    private Optional<ProcessHandle> postmaster() {
        Path pidFile = directory.resolve("data/postmaster.pid");
        try {
            if (!Files.isRegularFile(pidFile)) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(false));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    public ManagedProcess process() {
        return process;
    }
}
