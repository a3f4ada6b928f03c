package dev.gamma.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gamma.config.RelayConfig;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.uring.IoUring;
import io.vertx.core.transport.Transport;
import org.junit.jupiter.api.Test;

class NodeTransportTest {
    @Test
    void autoAndEpollTakeEpollAndIoUringIsTakenOnlyWhenNamed() {
        for (boolean splice : new boolean[] {false, true}) {
            assertThat(NodeTransport.preference(new RelayConfig(splice, RelayConfig.Transport.AUTO)))
                    .containsExactly(Transport.EPOLL, Transport.NIO);
        }
        assertThat(NodeTransport.preference(new RelayConfig(false, RelayConfig.Transport.EPOLL)))
                .containsExactly(Transport.EPOLL, Transport.NIO);
        assertThat(NodeTransport.preference(new RelayConfig(false, RelayConfig.Transport.IO_URING)))
                .containsExactly(Transport.IO_URING, Transport.EPOLL, Transport.NIO);
        assertThat(NodeTransport.preference(new RelayConfig(false, RelayConfig.Transport.NIO)))
                .containsExactly(Transport.NIO);
    }

    @Test
    void onThisMachineAutoTakesEpollAndSaysNothingOfIt() {
        NodeTransport chosen = NodeTransport.choose(new RelayConfig(false, RelayConfig.Transport.AUTO));
        if (Epoll.isAvailable()) {
            assertThat(chosen.transport()).isEqualTo(Transport.EPOLL);
            assertThat(chosen.describe()).isEqualTo("epoll");
        } else {
            assertThat(chosen.describe()).startsWith("nio (epoll unavailable: ");
        }
        assertThat(NodeTransport.choose(new RelayConfig(false, RelayConfig.Transport.NIO)).describe())
                .isEqualTo("nio");
    }

    @Test
    void aTransportThisMachineLacksFallsBackAndSaysWhy() {
        NodeTransport chosen = NodeTransport.choose(new RelayConfig(false, RelayConfig.Transport.IO_URING));
        if (IoUring.isAvailable()) {
            assertThat(chosen.describe()).isEqualTo("io_uring");
        } else {
            assertThat(chosen.transport()).isNotEqualTo(Transport.IO_URING);
            assertThat(chosen.fallback()).startsWith("io_uring unavailable: ");
            assertThat(chosen.describe()).contains("(io_uring unavailable: ");
        }
    }
}
