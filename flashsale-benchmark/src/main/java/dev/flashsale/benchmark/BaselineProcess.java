package dev.flashsale.benchmark;

import dev.flashsale.benchmark.baseline.BaselineCheckoutApplication;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The lock-based checkout baseline as its own JVM, on this bench's class path, so that its CPU and heap are measured
 * apart from the load generator's. Its log goes to {@code baseline.log} in the output folder.
 */
final class BaselineProcess implements AutoCloseable {

    private final Process process;
    private final int port;

    private BaselineProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static BaselineProcess start(int port, String jdbcUrl, String user, String password, Path log)
            throws IOException, InterruptedException {
        Files.createDirectories(log.getParent());
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Dflashsale.component=bench-baseline"));
        // The order API's collector and JIT: the comparison is of designs, not of JVM settings.
        command.addAll(Launch.jvmOptions("BASELINE_JVM_OPTIONS"));
        command.addAll(List.of(
                "-cp", System.getProperty("java.class.path"),
                BaselineCheckoutApplication.class.getName(),
                "--server.port=" + port,
                "--spring.datasource.url=" + jdbcUrl,
                "--spring.datasource.username=" + user,
                "--spring.datasource.password=" + password,
                "--spring.main.banner-mode=off"));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        BaselineProcess baseline = new BaselineProcess(process, port);
        // Ctrl-C on bin/bench must not leave the baseline holding its port.
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "stop-baseline"));
        Api probe = new Api(baseline.url("for-update"), Optional.empty());
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!probe.answers("/api/products/none")) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                baseline.close();
                throw new IllegalStateException("the baseline checkout did not start; see " + log);
            }
            Thread.sleep(250);
        }
        return baseline;
    }

    String url(String locking) {
        return "http://localhost:" + port + "/" + locking;
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
