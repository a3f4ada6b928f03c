package dev.gamma.relay;

import dev.gamma.protocol.ProtocolException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.haproxy.HAProxyCommand;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyMessageDecoder;
import io.netty.handler.codec.haproxy.HAProxyProxiedProtocol;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Reads the PROXY header (v1 or v2) a load balancer sends first, with Netty's decoder in front of the session's
 * handler: the bytes after the header reach the session as usual, the header itself or the reason it
 * was refused reach the session's {@link Listener} first. The wait is the session's handshake deadline.
 */
final class ProxyHeaderWatcher extends ChannelInboundHandlerAdapter {
    private static final String LIMIT_NAME = "gamma-proxy-limit";
    /** Load balancers send a few TLVs at most (AWS, Azure, GCP: well under 1 KiB); the spec allows 64 KiB. */
    private static final int MAX_HEADER_BYTES = 4096;
    /** The fixed part and the largest (Unix) address block come first; the rest of the cap is for TLVs. */
    private static final int MAX_TLV_BYTES = MAX_HEADER_BYTES - 16 - 216;

    interface Listener {
        /** The addresses the header carries; null for a LOCAL header (a health check) or an unknown family. */
        void header(InetSocketAddress source, InetSocketAddress destination);

        void refused(String reason);
    }

    private final Listener listener;

    private ProxyHeaderWatcher(Listener listener) {
        this.listener = listener;
    }

    static void install(Channel client, Listener listener) {
        ChannelPipeline pipeline = client.pipeline();
        String session = ClientConnection.HANDLER_NAME;
        pipeline.addBefore(session, LIMIT_NAME, new ByteLimit());
        pipeline.addBefore(session, "gamma-proxy-header", new HAProxyMessageDecoder(MAX_TLV_BYTES));
        pipeline.addBefore(session, "gamma-proxy-watch", new ProxyHeaderWatcher(listener));
    }

    /**
     * Netty's decoder waits without bound for a v2 signature followed by a version byte of 0xFF (it takes it for
     * "not enough bytes yet"), so the bytes before a header are counted here and refused past the cap.
     */
    private static final class ByteLimit extends ChannelInboundHandlerAdapter {
        private int seen;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof ByteBuf bytes && (seen += bytes.readableBytes()) > MAX_HEADER_BYTES) {
                bytes.release();
                ctx.close();
                ctx.fireExceptionCaught(new ProtocolException("no PROXY header in the first " + MAX_HEADER_BYTES
                        + " bytes"));
                return;
            }
            ctx.fireChannelRead(msg);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof HAProxyMessage header)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            ctx.pipeline().remove(this);
            ctx.pipeline().remove(LIMIT_NAME);
            HAProxyProxiedProtocol.AddressFamily family = header.proxiedProtocol().addressFamily();
            boolean carriesAddresses = header.command() == HAProxyCommand.PROXY
                    && (family == HAProxyProxiedProtocol.AddressFamily.AF_IPv4
                        || family == HAProxyProxiedProtocol.AddressFamily.AF_IPv6);
            if (!carriesAddresses) { // LOCAL (a health check), UNKNOWN, or Unix socket paths: no client address
                listener.header(null, null);
                return;
            }
            InetSocketAddress source = ipAddress(header.sourceAddress(), header.sourcePort());
            InetSocketAddress destination = ipAddress(header.destinationAddress(), header.destinationPort());
            if (source == null || destination == null) {
                listener.refused("the PROXY header's addresses are not IP addresses: " + header.sourceAddress()
                        + " -> " + header.destinationAddress());
            } else {
                listener.header(source, destination);
            }
        } finally {
            header.release();
        }
    }

    /** An address written as an IP literal; null for anything else, which is never looked up as a host name. */
    static InetSocketAddress ipAddress(String literal, int port) {
        InetAddress address = literal == null ? null : NetUtil.createInetAddressFromIpAddressString(literal);
        return address == null ? null : new InetSocketAddress(address, port);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // the decoder has closed the connection already; what it says names the problem
        Throwable problem = cause.getCause() != null ? cause.getCause() : cause;
        listener.refused(problem.getMessage() == null ? problem.getClass().getSimpleName() : problem.getMessage());
    }
}
