package dev.flashsale.chaos.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay between a client and a server, so that the server can become unreachable for a while without stopping
 * it, in one of two ways until {@link #restore()}:
 * <ul>
 * <li>{@link #cut()}: every open connection is reset and new ones are refused (accepted and closed at once), as when
 * the server's host is up but its port is closed: the client knows at once.</li>
 * <li>{@link #blackhole()}: a network partition. Connections stay open but no byte moves either way, and new ones are
 * accepted and then hang; the client learns nothing but what its own timeouts tell it. {@link #restore()} resumes
 * every connection where it stood: what was read from one side before or during the partition is delivered to the
 * other, as TCP's retransmissions deliver it once a real partition heals, and a side that closed meanwhile is closed
 * on the other only then. So a request a client gave up on may still reach the server after the heal.</li>
 * </ul>
 */
public final class TcpProxy implements AutoCloseable {

    private enum State { OPEN, CUT, BLACKHOLED }

    private final ServerSocket server;
    private final int targetPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Object stateChanged = new Object();
    private volatile State state = State.OPEN;
    private volatile boolean closed;

    TcpProxy(int targetPort) {
        this.targetPort = targetPort;
        try {
            server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException("the proxy found no port", e);
        }
        daemon("proxy-accept-" + port(), this::accept);
    }

    public int port() {
        return server.getLocalPort();
    }

    public void cut() {
        setState(State.CUT);
        for (Socket socket : open) {
            reset(socket);
        }
        open.clear();
    }

    public void blackhole() {
        setState(State.BLACKHOLED);
    }

    /** Ends a {@link #cut()} or a {@link #blackhole()}. */
    public void restore() {
        setState(State.OPEN);
    }

    private void setState(State next) {
        synchronized (stateChanged) {
            state = next;
            stateChanged.notifyAll();
        }
    }

    /** Waits while blackholed; true if bytes may move on, false if the connection is to be dropped. */
    private boolean passable() {
        synchronized (stateChanged) {
            while (state == State.BLACKHOLED && !closed) {
                try {
                    stateChanged.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return state == State.OPEN && !closed;
        }
    }

    private void accept() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                continue; // closed, or one failed accept
            }
            if (state == State.CUT) {
                reset(client);
                continue;
            }
            open.add(client);
            // A thread of its own: while blackholed the connection waits for the heal, and the next one must still be
            // accepted (and wait too).
            daemon("proxy-connect-" + client.getPort(), () -> connect(client));
        }
    }

    private void connect(Socket client) {
        if (!passable()) {
            reset(client);
            open.remove(client);
            return;
        }
        try {
            Socket upstream = new Socket();
            upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 2000);
            open.add(upstream);
            relay(client, upstream);
            relay(upstream, client);
        } catch (IOException e) {
            reset(client); // the server is down: to the client it is as if the proxy were
            open.remove(client);
        }
    }

    private void relay(Socket from, Socket to) {
        daemon("proxy-" + from.getPort() + "-" + to.getPort(), () -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    if (!passable()) {
                        break;
                    }
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException e) {
                // either side went away; the other is closed below
            } finally {
                passable(); // a side that went away during a partition is not seen to go until it heals
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        });
    }

    private static void daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0); // RST rather than FIN: the connection fails, it does not just end
        } catch (IOException e) {
            // closing is what matters
        }
        closeQuietly(socket);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already gone
        }
    }

    @Override
    public void close() {
        closed = true;
        cut();
        try {
            server.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }
}
