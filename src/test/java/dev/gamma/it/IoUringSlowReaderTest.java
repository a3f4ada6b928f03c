package dev.gamma.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.transport.Transport;

/**
 * {@link SlowReaderTest} on io_uring, the transport {@code relay.transport: auto} takes first: a read the relay did
 * not ask for (as Netty's multishot receives from a buffer ring make, until their cancel lands) fails its bounds.
 */
class IoUringSlowReaderTest extends SlowReaderTest {
    @Override
    GammaFixture node(String yaml) {
        assumeTrue(Transport.IO_URING.available(), "io_uring is not available on this kernel");
        return GammaFixture.startOn(Transport.IO_URING, yaml);
    }
}
