package dev.gamma.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gamma.relay.ReadRing;
import io.vertx.core.transport.Transport;

/**
 * {@link ConnectionFaultsTest}'s faults on io_uring as a node runs it, the transport {@code relay.transport: auto}
 * takes first: its sockets read from the loop's buffer ring.
 */
class IoUringConnectionFaultsTest extends ConnectionFaultsTest {
    @Override
    GammaFixture node(String yaml) {
        assumeTrue(Transport.IO_URING.available(), "io_uring is not available on this kernel");
        assumeTrue(ReadRing.config().isPresent(), "this kernel has no incremental buffer rings (Linux 6.12)");
        return GammaFixture.startOn(Transport.IO_URING, yaml);
    }
}
