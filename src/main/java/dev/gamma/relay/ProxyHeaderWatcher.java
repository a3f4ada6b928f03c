package dev.gamma.relay;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.haproxy.HAProxyCommand;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyMessageDecoder;
import io.netty.handler.codec.haproxy.HAProxyProxiedProtocol;
import io.vertx.core.net.NetSocket;
import java.net.InetSocketAddress;

/**
 * Reads the PROXY header (v1 or v2) a load balancer sends first, with Netty's decoder in front of the socket's
 * Vert.x handler: the bytes after the header reach the session as usual, the header itself or the reason it
 * was refused reach the session's {@link Listener} first. The wait is the session's handshake deadline.
 */
final class ProxyHeaderWatcher extends ChannelInboundHandlerAdapter {
    private static final String VERTX_HANDLER_NAME = "handler";

    interface Listener {
        /** The addresses the header carries; null for a LOCAL header (a health check) or an unknown family. */
        void header(InetSocketAddress source, InetSocketAddress destination);

        void refused(String reason);
    }

    private final Listener listener;

    private ProxyHeaderWatcher(Listener listener) {
        this.listener = listener;
    }

    static void install(NetSocket socket, Listener listener) {
        ChannelPipeline pipeline = Relay.channel(socket).pipeline();
        pipeline.addBefore(VERTX_HANDLER_NAME, "gamma-proxy-header", new HAProxyMessageDecoder());
        pipeline.addBefore(VERTX_HANDLER_NAME, "gamma-proxy-watch", new ProxyHeaderWatcher(listener));
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof HAProxyMessage header)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            ctx.pipeline().remove(this);
            boolean carriesAddresses = header.command() == HAProxyCommand.PROXY
                    && header.proxiedProtocol() != HAProxyProxiedProtocol.UNKNOWN
                    && header.sourceAddress() != null && header.destinationAddress() != null;
            listener.header(
                    carriesAddresses ? new InetSocketAddress(header.sourceAddress(), header.sourcePort()) : null,
                    carriesAddresses ? new InetSocketAddress(header.destinationAddress(), header.destinationPort()) : null);
        } finally {
            header.release();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // the decoder has closed the connection already; what it says names the problem
        Throwable problem = cause.getCause() != null ? cause.getCause() : cause;
        listener.refused(problem.getMessage() == null ? problem.getClass().getSimpleName() : problem.getMessage());
    }
}
