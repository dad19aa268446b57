package dev.flashsale.chaos.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PortsTest {

    @Test
    void portsAreFreeDistinctAndOutsideTheRangeOutgoingConnectionsTakeTheirsFrom() throws Exception {
        List<Integer> ports = IntStream.range(0, 50).map(i -> Ports.free()).boxed().toList();

        assertThat(ports).doesNotHaveDuplicates().allMatch(port -> port >= Ports.FIRST && port <= Ports.LAST);
        Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
        if (Files.isReadable(range)) {
            // readString trusts the size a /proc file reports and reads a few bytes of it; lines are read to the end.
            int firstEphemeral = Integer.parseInt(Files.readAllLines(range).get(0).trim().split("\\s+")[0]);
            assertThat(ports).allMatch(port -> port < firstEphemeral);
        }
        for (int port : ports.subList(0, 5)) {
            try (ServerSocket listener = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                assertThat(listener.getLocalPort()).isEqualTo(port);
            }
        }
    }

    @Test
    void aPortSomethingListensOnIsNotHandedOut() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThat(IntStream.range(0, 200).map(i -> Ports.free())).doesNotContain(taken.getLocalPort());
        }
    }
}
