package dev.gamma.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.channel.uring.IoUring;
import io.vertx.core.transport.Transport;

/**
 * {@link ConnectionFaultsTest}'s faults on io_uring without the buffer ring, as a node on a kernel older than 6.12
 * runs it: every read waits on a poll first. Run with Netty's multishot polls, its reset cases fail: a reset that
 * comes with the client's last bytes goes unseen.
 */
class PolledIoUringConnectionFaultsTest extends ConnectionFaultsTest {
    @Override
    GammaFixture node(String yaml) {
        assumeTrue(Transport.IO_URING.available(), "io_uring is not available on this kernel");
        assertThat(IoUring.isPollAddMultishotEnabled()).as("io_uring with a node's settings: one-shot polls").isFalse();
        return GammaFixture.startOnPlain(Transport.IO_URING, yaml);
    }
}
