package dev.gamma.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.haproxy.HAProxyCommand;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyMessageEncoder;
import io.netty.handler.codec.haproxy.HAProxyProtocolVersion;
import io.netty.handler.codec.haproxy.HAProxyProxiedProtocol;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a trusted load balancer's header may name: only IP addresses are taken for the client, written as literals
 * and never looked up as host names (a lookup would block the event loop, and a name that does not resolve left the
 * session without an address); Unix socket paths name no client, as a LOCAL header does.
 */
class ProxyHeaderWatcherTest {
    private final List<String> heard = new ArrayList<>();
    private final EmbeddedChannel channel = new EmbeddedChannel();

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    @Test
    void ipAddressesAreTakenAsTheyAreWritten() {
        watch("PROXY TCP4 203.0.113.7 192.0.2.1 51234 25565\r\n".getBytes(StandardCharsets.US_ASCII));

        assertThat(heard).containsExactly("header /203.0.113.7:51234 -> /192.0.2.1:25565");
    }

    @Test
    void anIpv4AddressWrittenAsIpv6IsTheIpv4Client() {
        watch("PROXY TCP6 ::ffff:203.0.113.7 ::1 51234 25565\r\n".getBytes(StandardCharsets.US_ASCII));

        assertThat(heard).containsExactly("header /203.0.113.7:51234 -> /[0:0:0:0:0:0:0:1]:25565");
    }

    @Test
    void unixSocketPathsNameNoClientAndAreNeverLookedUp() {
        watch(encoded(new HAProxyMessage(HAProxyProtocolVersion.V2, HAProxyCommand.PROXY,
                HAProxyProxiedProtocol.UNIX_STREAM, "backend.unanswered.invalid", "gamma.invalid", 0, 0)));

        assertThat(heard).containsExactly("header null -> null");
    }

    @Test
    void anIpv6AddressWithANamedScopeIsRefused() {
        watch("PROXY TCP6 fe80::1%eth9 ::1 51234 25565\r\n".getBytes(StandardCharsets.US_ASCII));

        assertThat(heard).containsExactly(
                "refused the PROXY header's addresses are not IP addresses: fe80::1%eth9 -> ::1");
    }

    @Test
    void anIpLiteralIsReadWithoutALookupAndAnythingElseIsNot() {
        assertThat(ProxyHeaderWatcher.ipAddress("2001:db8::7", 1)).isEqualTo(new InetSocketAddress("2001:db8::7", 1));
        assertThat(ProxyHeaderWatcher.ipAddress("backend.unanswered.invalid", 1)).isNull();
        assertThat(ProxyHeaderWatcher.ipAddress("", 1)).isNull();
        assertThat(ProxyHeaderWatcher.ipAddress(null, 1)).isNull();
    }

    private void watch(byte[] header) {
        channel.pipeline().addLast(ClientConnection.HANDLER_NAME, new ChannelInboundHandlerAdapter());
        ProxyHeaderWatcher.install(channel, new ProxyHeaderWatcher.Listener() {
            @Override
            public void header(InetSocketAddress source, InetSocketAddress destination) {
                heard.add("header " + source + " -> " + destination);
            }

            @Override
            public void refused(String reason) {
                heard.add("refused " + reason);
            }
        });
        channel.writeInbound(Unpooled.wrappedBuffer(header));
    }

    private static byte[] encoded(HAProxyMessage message) {
        EmbeddedChannel encoder = new EmbeddedChannel(HAProxyMessageEncoder.INSTANCE);
        encoder.writeOutbound(message);
        ByteBuf bytes = encoder.readOutbound();
        try {
            byte[] out = new byte[bytes.readableBytes()];
            bytes.readBytes(out);
            return out;
        } finally {
            bytes.release();
            encoder.finishAndReleaseAll();
        }
    }
}
