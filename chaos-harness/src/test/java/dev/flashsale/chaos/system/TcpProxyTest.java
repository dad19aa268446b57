package dev.flashsale.chaos.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIOException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The proxy relays both ways; while cut no connection through it works, open or new; while blackholed none moves a
 * byte, and after the heal every one carries on with what it held.
 */
class TcpProxyTest {

    private ServerSocket echo;
    private TcpProxy proxy;

    @BeforeEach
    void startEchoServerBehindProxy() throws IOException {
        echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread server = new Thread(() -> {
            while (!echo.isClosed()) {
                try {
                    Socket client = echo.accept();
                    Thread pump = new Thread(() -> {
                        try (client; InputStream in = client.getInputStream();
                                OutputStream out = client.getOutputStream()) {
                            in.transferTo(out);
                        } catch (IOException e) {
                            // the test closed it
                        }
                    });
                    pump.setDaemon(true);
                    pump.start();
                } catch (IOException e) {
                    return;
                }
            }
        });
        server.setDaemon(true);
        server.start();
        proxy = new TcpProxy(echo.getLocalPort());
    }

    @AfterEach
    void stop() throws IOException {
        proxy.close();
        echo.close();
    }

    @Test
    void relaysBothWays() throws IOException {
        try (Socket socket = connect()) {
            assertThat(roundTrip(socket, "ping")).isEqualTo("ping");
        }
    }

    @Test
    void cutResetsOpenConnectionsAndRefusesNewOnesUntilRestored() throws IOException {
        try (Socket open = connect()) {
            assertThat(roundTrip(open, "before")).isEqualTo("before");

            proxy.cut();

            assertThatIOException().isThrownBy(() -> roundTrip(open, "during"));
            try (Socket fresh = connect()) {
                assertThatIOException().isThrownBy(() -> roundTrip(fresh, "during"));
            }
        }

        proxy.restore();

        try (Socket after = connect()) {
            assertThat(roundTrip(after, "after")).isEqualTo("after");
        }
    }

    @Test
    void blackholeHoldsEveryByteOfOpenAndNewConnectionsUntilRestoredThenDeliversThem() throws IOException {
        try (Socket open = connect()) {
            assertThat(roundTrip(open, "before")).isEqualTo("before");

            proxy.blackhole();

            send(open, "held");
            open.setSoTimeout(1000);
            assertThatExceptionOfType(SocketTimeoutException.class).isThrownBy(() -> open.getInputStream().read());
            try (Socket fresh = connect()) {
                fresh.setSoTimeout(1000);
                send(fresh, "waits");
                assertThatExceptionOfType(SocketTimeoutException.class)
                        .isThrownBy(() -> fresh.getInputStream().read());

                proxy.restore();

                open.setSoTimeout(5000);
                fresh.setSoTimeout(5000);
                assertThat(new String(open.getInputStream().readNBytes(4))).isEqualTo("held");
                assertThat(new String(fresh.getInputStream().readNBytes(5))).isEqualTo("waits");
                assertThat(roundTrip(open, "after")).isEqualTo("after");
            }
        }
    }

    private static void send(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes());
        socket.getOutputStream().flush();
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), proxy.port());
        socket.setSoTimeout(5000);
        return socket;
    }

    /** Writes and reads back; a reset or an end of stream before the echo is an IOException. */
    private static String roundTrip(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes());
        socket.getOutputStream().flush();
        byte[] read = socket.getInputStream().readNBytes(text.length());
        if (read.length < text.length()) {
            throw new IOException("connection ended after " + read.length + " bytes");
        }
        return new String(read);
    }
}
