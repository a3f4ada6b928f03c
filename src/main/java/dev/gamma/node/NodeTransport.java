package dev.gamma.node;

import dev.gamma.config.RelayConfig;
import io.vertx.core.transport.Transport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The I/O a node's event loops run on, from {@code relay.transport} and what this machine allows: io_uring and
 * epoll need Linux and a native library, and io_uring a kernel (or container profile) that permits it. A transport
 * that is missing falls back to the next one, and the node says why.
 */
record NodeTransport(Transport transport, String fallback) {
    /** The transports to try, best first. */
    static List<Transport> preference(RelayConfig relay) {
        return switch (relay.transport()) {
            case NIO -> List.of(Transport.NIO);
            case EPOLL -> List.of(Transport.EPOLL, Transport.NIO);
            case AUTO -> relay.splice() ? List.of(Transport.EPOLL, Transport.NIO) // splice(2) is epoll's
                    : List.of(Transport.IO_URING, Transport.EPOLL, Transport.NIO);
            case IO_URING -> List.of(Transport.IO_URING, Transport.EPOLL, Transport.NIO);
        };
    }

    static NodeTransport choose(RelayConfig relay) {
        List<String> missing = new ArrayList<>();
        for (Transport transport : preference(relay)) {
            if (transport.available()) {
                return new NodeTransport(transport, String.join("; ", missing));
            }
            Throwable cause = transport.unavailabilityCause();
            missing.add(name(transport) + " unavailable: " + (cause == null ? "not on this platform"
                    : String.valueOf(cause.getMessage()).lines().findFirst().orElse("")));
        }
        return new NodeTransport(Transport.NIO, String.join("; ", missing));
    }

    static String name(Transport transport) {
        return transport.name().toLowerCase(Locale.ROOT);
    }

    /** For the ready line: {@code io_uring}, or {@code nio (epoll unavailable: …)}. */
    String describe() {
        return name(transport) + (fallback.isEmpty() ? "" : " (" + fallback + ")");
    }
}
