package dev.gamma.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gamma.config.RelayConfig;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.uring.IoUring;
import io.vertx.core.transport.Transport;
import org.junit.jupiter.api.Test;

class NodeTransportTest {
    @Test
    void autoTakesIoUringUnlessSpliceNeedsEpollAndANamedTransportComesFirst() {
        assertThat(NodeTransport.preference(new RelayConfig(false, RelayConfig.Transport.AUTO)))
                .containsExactly(Transport.IO_URING, Transport.EPOLL, Transport.NIO);
        assertThat(NodeTransport.preference(new RelayConfig(true, RelayConfig.Transport.AUTO)))
                .containsExactly(Transport.EPOLL, Transport.NIO);
        assertThat(NodeTransport.preference(new RelayConfig(false, RelayConfig.Transport.EPOLL)))
                .containsExactly(Transport.EPOLL, Transport.NIO);
        assertThat(NodeTransport.preference(new RelayConfig(false, RelayConfig.Transport.IO_URING)))
                .containsExactly(Transport.IO_URING, Transport.EPOLL, Transport.NIO);
        assertThat(NodeTransport.preference(new RelayConfig(false, RelayConfig.Transport.NIO)))
                .containsExactly(Transport.NIO);
    }

    @Test
    void onThisMachineAutoTakesTheBestTransportThereIs() {
        NodeTransport chosen = NodeTransport.choose(new RelayConfig(false, RelayConfig.Transport.AUTO));
        if (IoUring.isAvailable()) {
            assertThat(chosen.transport()).isEqualTo(Transport.IO_URING);
            assertThat(chosen.describe()).isEqualTo("io_uring");
        } else if (Epoll.isAvailable()) {
            assertThat(chosen.describe()).startsWith("epoll (io_uring unavailable: ");
        } else {
            assertThat(chosen.describe()).startsWith("nio (io_uring unavailable: ");
        }
        NodeTransport spliced = NodeTransport.choose(new RelayConfig(true, RelayConfig.Transport.AUTO));
        assertThat(spliced.transport()).isEqualTo(Epoll.isAvailable() ? Transport.EPOLL : Transport.NIO);
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
