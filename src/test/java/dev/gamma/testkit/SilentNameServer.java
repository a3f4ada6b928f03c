package dev.gamma.testkit;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.dns.AddressResolverOptions;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;

/**
 * A name server on loopback that takes every query and answers none, and a Vert.x that asks only it, with a query
 * timeout of 120 s: a name looked up through it resolves never, or long after any bound a test checks.
 */
public final class SilentNameServer implements AutoCloseable {
    private final DatagramSocket socket;

    public SilentNameServer() throws SocketException {
        socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
    }

    /** A Vert.x whose resolver asks this server alone. */
    public Vertx vertx() {
        return Vertx.vertx(new VertxOptions().setAddressResolverOptions(new AddressResolverOptions()
                .addServer("127.0.0.1:" + socket.getLocalPort())
                .setQueryTimeout(120_000).setMaxQueries(1).setRotateServers(false)));
    }

    @Override
    public void close() {
        socket.close();
    }
}
