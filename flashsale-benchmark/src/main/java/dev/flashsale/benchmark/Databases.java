package dev.flashsale.benchmark;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * The PostgreSQL the baseline uses: {@code BENCH_DATABASE_URL} (JDBC form) when set, else the one
 * {@code bin/run-local} would pick for the order API: {@code localhost:5432}, or the embedded one on 5433.
 */
final class Databases {

    private Databases() {
    }

    static String jdbcUrl() {
        String given = System.getenv("BENCH_DATABASE_URL");
        if (given != null && !given.isBlank()) {
            return given;
        }
        if (answers(5432)) {
            return "jdbc:postgresql://localhost:5432/postgres";
        }
        String embedded = System.getenv().getOrDefault("EMBEDDED_POSTGRES_PORT", "5433");
        return "jdbc:postgresql://localhost:" + embedded + "/postgres";
    }

    static String user() {
        return System.getenv().getOrDefault("BENCH_DATABASE_USER", "postgres");
    }

    static String password() {
        return System.getenv().getOrDefault("BENCH_DATABASE_PASSWORD", "");
    }

    private static boolean answers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
