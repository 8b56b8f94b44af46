package media.archive.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class LoopbackPortsTest {

    @Test
    void a_port_someone_listens_on_is_taken_and_free_again_once_they_stopped() throws Exception {
        int port;
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = listener.getLocalPort();
            assertThat(LoopbackPorts.isFree(port)).isFalse();
        }
        assertThat(LoopbackPorts.isFree(port)).isTrue();
    }

    @Test
    void a_picked_port_is_free() {
        assertThat(LoopbackPorts.isFree(LoopbackPorts.pick())).isTrue();
    }
}
