package dev.gamma.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.channel.uring.IoUring;
import io.vertx.core.transport.Transport;

/**
 * {@link ConnectionFaultsTest}'s faults on io_uring, the transport {@code relay.transport: auto} takes first. Run with
 * Netty's multishot polls, its reset cases fail: a reset that comes with the client's last bytes goes unseen.
 */
class IoUringConnectionFaultsTest extends ConnectionFaultsTest {
    @Override
    GammaFixture node(String yaml) {
        assumeTrue(Transport.IO_URING.available(), "io_uring is not available on this kernel");
        assertThat(IoUring.isPollAddMultishotEnabled()).as("io_uring with a node's settings: one-shot polls").isFalse();
        return GammaFixture.startOn(Transport.IO_URING, yaml);
    }
}
