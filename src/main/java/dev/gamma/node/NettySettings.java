package dev.gamma.node;

import dev.gamma.vertx.VertxInternals;
import io.netty.channel.uring.IoUring;
import io.vertx.core.Vertx;

/**
 * The Netty settings a node runs with. Netty reads them from system properties once, when its classes load,
 * so {@link NodeLauncher} applies them before it starts any transport; an application that deploys the verticle on
 * a Vert.x of its own calls {@link #apply()} before it makes that Vert.x, or starts its JVM with them.
 */
public final class NettySettings {
    /**
     * Multishot POLLIN polls on io_uring lose a connection reset that comes with a socket's last bytes: the poll
     * fires once for both, the read that follows takes the bytes and finds the socket empty, and nothing reads the
     * reset, so the session outlives its client. One-shot polls are armed again after each read and see it.
     */
    static final String MULTISHOT_POLLS = "io.netty.iouring.pollAddMultishotEnabled";
    /**
     * Netty 4.2 allocates from its adaptive allocator by default; its pooled one (thread caches) took less CPU per
     * login here, and no more memory per idle player (docs/architecture.md, "Where a login's CPU goes").
     */
    static final String ALLOCATOR = "io.netty.allocator.type";

    private NettySettings() {
    }

    /** Sets what the operator has not set already (a {@code -D} in {@code conf/jvm.options} or GAMMA_OPTS wins). */
    public static void apply() {
        if (System.getProperty(MULTISHOT_POLLS) == null) {
            System.setProperty(MULTISHOT_POLLS, "false");
        }
        if (System.getProperty(ALLOCATOR) == null) {
            System.setProperty(ALLOCATOR, "pooled");
        }
    }

    /**
     * What a node on {@code vertx} risks when its event loops run io_uring with multishot polls (Netty loaded before
     * {@link #apply()}, or a -D said so), or empty.
     */
    static String multishotWarning(Vertx vertx) {
        return VertxInternals.onIoUring(vertx) && IoUring.isPollAddMultishotEnabled()
                ? "io_uring runs with multishot polls (" + MULTISHOT_POLLS + " was not false when Netty loaded): a "
                        + "client that resets right after its last bytes can keep its session open"
                : "";
    }
}
