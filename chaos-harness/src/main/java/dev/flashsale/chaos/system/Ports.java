package dev.flashsale.chaos.system;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for the processes of a run, free when picked, so a run never collides with a developer's {@code bin/run-local}
 * system.
 * <p>
 * They are drawn below the kernel's ephemeral range (32768–60999 on Linux, 49152–65535 elsewhere), from which the OS
 * takes the local port of every outgoing connection. A port the OS picked from that range for a listener that starts
 * seconds later could meanwhile be taken by one of the connections the broker's clients open: a processor once failed
 * to start in CI with "Port … was already in use".
 */
public final class Ports {

    static final int FIRST = 20_000;
    static final int LAST = 32_767;

    /** Handed out by this JVM: free when picked, but not listened on until their process starts. */
    private static final Set<Integer> GIVEN = ConcurrentHashMap.newKeySet();

    private Ports() {
    }

    public static int free() {
        for (int attempt = 0; attempt < 1_000; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(FIRST, LAST + 1);
            if (bindable(port) && GIVEN.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port between " + FIRST + " and " + LAST);
    }

    public static boolean answers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
