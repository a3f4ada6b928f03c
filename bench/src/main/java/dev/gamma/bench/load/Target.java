package dev.gamma.bench.load;

import java.net.InetSocketAddress;

/** Where a client connects, and the hostname it puts in its Handshake. */
record Target(InetSocketAddress address, String host) {
    byte[] greeting(String name) {
        return Wire.greeting(host, address.getPort(), name);
    }
}
