package dev.flashsale.chaos.system;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One OS process of the system under test: started again and again with the same command, its output appended to one
 * log with a line marking each start. Its environment is built from scratch, so a developer's {@code .env} or shell
 * (another {@code SERVER_PORT}, {@code DATABASE_URL}) never leaks into a run.
 */
public final class ManagedProcess {

    private static final List<String> INHERITED = List.of("PATH", "HOME", "LANG", "TMPDIR", "TZ");

    /**
     * How long a service may take to start. Generous: three brokers beside the services on a shared 2-core machine
     * once took a processor past three minutes to RUNNING (load average 67).
     */
    public static final Duration START_TIMEOUT = Duration.ofMinutes(5);

    private final String name;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Path log;
    private Process process;
    private long logOffset;

    ManagedProcess(String name, List<String> command, Map<String, String> environment, Path log) {
        this.name = name;
        this.command = List.copyOf(command);
        this.environment = new LinkedHashMap<>(environment);
        this.log = log;
    }

    public String name() {
        return name;
    }

    public Path log() {
        return log;
    }

    public synchronized void start() {
        if (isAlive()) {
            throw new IllegalStateException(name + " is already running (pid " + process.pid() + ")");
        }
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(log, "\n===== chaos: starting " + name + " at " + LocalTime.now().truncatedTo(
                    ChronoUnit.MILLIS) + " =====\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            logOffset = Files.size(log);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            builder.environment().clear();
            for (String inherited : INHERITED) {
                String value = System.getenv(inherited);
                if (value != null) {
                    builder.environment().put(inherited, value);
                }
            }
            builder.environment().putAll(environment);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    public synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    /** {@code kill -9}: no shutdown hook, no flush, no leaving the consumer group. */
    public void kill() {
        Process running;
        synchronized (this) {
            running = process;
        }
        if (running != null && running.isAlive()) {
            running.destroyForcibly();
            waitFor(running, Duration.ofSeconds(30));
        }
    }

    /** {@code kill -STOP}: the process holds its sockets open and answers nothing, as a machine that froze would. */
    public void pause() {
        signal("STOP");
    }

    /** {@code kill -CONT} after {@link #pause()}. */
    public void resume() {
        signal("CONT");
    }

    private void signal(String signal) {
        long pid = pid();
        if (pid < 0 || !isAlive()) {
            throw new IllegalStateException(name + " is not running");
        }
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).redirectErrorStream(true)
                    .start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + pid + " (" + name + ") failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not signal " + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while signalling " + name, e);
        }
    }

    /** {@code kill -TERM}, then {@code -9} if it has not exited within {@code grace}. */
    public void stop(Duration grace) {
        Process running;
        synchronized (this) {
            running = process;
        }
        if (running != null && running.isAlive()) {
            running.destroy();
            if (!waitFor(running, grace)) {
                running.destroyForcibly();
                waitFor(running, Duration.ofSeconds(30));
            }
        }
    }

    private static boolean waitFor(Process process, Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** What the process wrote since its last start. */
    public String logSinceStart() {
        return logSince(logOffset);
    }

    /** How long its log is now: a mark to read what it writes from now on with {@link #logSince}. */
    public long logEnd() {
        try {
            return Files.size(log);
        } catch (IOException e) {
            return 0;
        }
    }

    public String logSince(long mark) {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long length = file.length();
            if (length <= mark) {
                return "";
            }
            byte[] bytes = new byte[(int) Math.min(length - mark, 64L * 1024 * 1024)];
            file.seek(mark);
            file.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** Polls {@code ready} until it holds; fails with the log's tail if the process exits or the time is up. */
    public void awaitReady(String what, Duration timeout, BooleanSupplier ready) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ready.getAsBoolean()) {
            if (!isAlive()) {
                throw new IllegalStateException(name + " exited before it was " + what + "\n" + tail());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " was not " + what + " within " + timeout + "\n" + tail());
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
        }
    }

    private String tail() {
        List<String> lines = new ArrayList<>(logSinceStart().lines().toList());
        List<String> last = lines.subList(Math.max(0, lines.size() - 30), lines.size());
        return "----- last lines of " + log + " -----\n" + String.join("\n", last);
    }
}
