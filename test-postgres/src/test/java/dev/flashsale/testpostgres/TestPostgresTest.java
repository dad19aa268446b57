package dev.flashsale.testpostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import dev.flashsale.testpostgres.TestPostgres.Choice;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The choice between the local server and an embedded one, with a real server (an embedded one) or none in the local
 * server's place, so it does not matter whether this machine runs PostgreSQL on 5432.
 */
class TestPostgresTest {

    /** Stands in for a developer's own server on 5432. */
    private static TestPostgres local;

    @BeforeAll
    static void startLocal() {
        local = TestPostgres.startEmbedded();
    }

    @Test
    void usesTheLocalServerWhenItsTestDatabaseAnswers() {
        TestPostgres chosen = TestPostgres.choose(Choice.AUTO, local.port());

        assertThat(chosen).isEqualTo(new TestPostgres("127.0.0.1", local.port()));
        assertThat(chosen.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:" + local.port() + "/test");
        assertThat(chosen.libpqUrl()).isEqualTo("postgres://postgres@127.0.0.1:" + local.port() + "/test");
        assertThat(currentDatabase(chosen)).isEqualTo("test");
    }

    @Test
    void startsAnEmbeddedServerWhenNothingAnswers() throws IOException {
        int closed = closedPort();

        TestPostgres chosen = TestPostgres.choose(Choice.AUTO, closed);

        assertThat(chosen.port()).isNotEqualTo(closed).isNotEqualTo(local.port());
        assertThat(currentDatabase(chosen)).isEqualTo("test");
    }

    @Test
    void startsAnEmbeddedServerWhenThePortAnswersButNotAsPostgres() throws IOException {
        try (ServerSocket notPostgres = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread hangingUp = new Thread(() -> hangUpOnEveryone(notPostgres));
            hangingUp.setDaemon(true);
            hangingUp.start();

            TestPostgres chosen = TestPostgres.choose(Choice.AUTO, notPostgres.getLocalPort());

            assertThat(chosen.port()).isNotEqualTo(notPostgres.getLocalPort());
            assertThat(currentDatabase(chosen)).isEqualTo("test");
        }
    }

    @Test
    void startsAnEmbeddedServerWhenToldToEvenIfTheLocalOneAnswers() {
        TestPostgres chosen = TestPostgres.choose(Choice.EMBEDDED, local.port());

        assertThat(chosen.port()).isNotEqualTo(local.port());
        assertThat(currentDatabase(chosen)).isEqualTo("test");
    }

    @Test
    void failsRatherThanStartOneWhenToldToUseTheLocalServer() throws IOException {
        int closed = closedPort();

        assertThatIllegalStateException().isThrownBy(() -> TestPostgres.choose(Choice.LOCAL, closed))
                .withMessageStartingWith("TEST_DATABASE=local, but no PostgreSQL answers on 127.0.0.1:" + closed);
    }

    @Test
    void readsTheSwitch() {
        assertThat(Choice.parse(null)).isEqualTo(Choice.AUTO);
        assertThat(Choice.parse("")).isEqualTo(Choice.AUTO);
        assertThat(Choice.parse("embedded")).isEqualTo(Choice.EMBEDDED);
        assertThat(Choice.parse(" Local ")).isEqualTo(Choice.LOCAL);
        assertThatIllegalArgumentException().isThrownBy(() -> Choice.parse("docker"))
                .withMessageContaining("TEST_DATABASE=docker");
    }

    /** A real query over the URL the tests get, not just a port that is open. */
    private static String currentDatabase(TestPostgres server) {
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), TestPostgres.USER, "");
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT current_database()")) {
            result.next();
            return result.getString(1);
        } catch (SQLException e) {
            throw new AssertionError("cannot query " + server.jdbcUrl(), e);
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void hangUpOnEveryone(ServerSocket server) {
        while (!server.isClosed()) {
            try (Socket ignored = server.accept()) {
                // closed at once: an answer on the port that is not PostgreSQL's
            } catch (IOException e) {
                return;
            }
        }
    }
}
