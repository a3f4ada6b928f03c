package dev.gamma.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyMessageDecoder;
import io.netty.handler.codec.haproxy.HAProxyProtocolVersion;
import io.netty.handler.codec.haproxy.HAProxyProxiedProtocol;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Checked against Netty's HAProxy decoder, an independent reading of the spec. */
class ProxyHeaderTest {
    private static final InetSocketAddress CLIENT4 = new InetSocketAddress("203.0.113.7", 51234);
    private static final InetSocketAddress GAMMA4 = new InetSocketAddress("192.0.2.1", 25565);
    private static final InetSocketAddress CLIENT6 = new InetSocketAddress("2001:db8::7", 51234);

    @Test
    void v1ForIpv4IsTheExactTextLine() {
        assertThat(new String(ProxyHeader.v1(CLIENT4, GAMMA4), StandardCharsets.US_ASCII))
                .isEqualTo("PROXY TCP4 203.0.113.7 192.0.2.1 51234 25565\r\n");
    }

    @Test
    void v1ForIpv6MapsAnIpv4Destination() {
        assertThat(new String(ProxyHeader.v1(CLIENT6, GAMMA4), StandardCharsets.US_ASCII))
                .isEqualTo("PROXY TCP6 2001:db8:0:0:0:0:0:7 0:0:0:0:0:ffff:c000:201 51234 25565\r\n");
    }

    @Test
    void v1AndV2DecodeToTheSameAddresses() {
        for (byte[] header : new byte[][] {ProxyHeader.v1(CLIENT4, GAMMA4), ProxyHeader.v2(CLIENT4, GAMMA4)}) {
            HAProxyMessage message = decode(header);
            assertThat(message.proxiedProtocol()).isEqualTo(HAProxyProxiedProtocol.TCP4);
            assertThat(message.sourceAddress()).isEqualTo("203.0.113.7");
            assertThat(message.sourcePort()).isEqualTo(51234);
            assertThat(message.destinationAddress()).isEqualTo("192.0.2.1");
            assertThat(message.destinationPort()).isEqualTo(25565);
        }
    }

    @Test
    void v2CarriesTcp6() {
        HAProxyMessage message = decode(ProxyHeader.v2(CLIENT6, GAMMA4));
        assertThat(message.protocolVersion()).isEqualTo(HAProxyProtocolVersion.V2);
        assertThat(message.proxiedProtocol()).isEqualTo(HAProxyProxiedProtocol.TCP6);
        assertThat(address(message.sourceAddress())).isEqualTo(CLIENT6.getAddress());
        assertThat(address(message.destinationAddress()).getAddress())
                .as("IPv4 destination mapped into IPv6").endsWith(192, 0, 2, 1);
    }

    @Test
    void v2StartsWithTheSignatureVersionAndLength() {
        byte[] header = ProxyHeader.v2(CLIENT4, GAMMA4);
        assertThat(header).hasSize(28);
        assertThat(header[12]).isEqualTo((byte) 0x21);
        assertThat(header[13]).isEqualTo((byte) 0x11);
        assertThat(header[15]).isEqualTo((byte) 12);
    }

    private static java.net.InetAddress address(String text) {
        try {
            return java.net.InetAddress.getByName(text);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static HAProxyMessage decode(byte[] header) {
        EmbeddedChannel channel = new EmbeddedChannel(new HAProxyMessageDecoder());
        channel.writeInbound(Unpooled.wrappedBuffer(header));
        HAProxyMessage message = channel.readInbound();
        assertThat(message).as("decoded").isNotNull();
        return message;
    }
}
