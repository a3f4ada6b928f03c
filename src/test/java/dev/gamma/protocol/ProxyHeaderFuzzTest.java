package dev.gamma.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyMessageDecoder;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The PROXY protocol both ways: any header Gamma writes is read back by Netty's decoder, an independent reading
 * of the spec, as the same addresses; and that decoder, which receives headers for Gamma, holds on garbage.
 */
class ProxyHeaderFuzzTest {
    @Property
    void anyAddressesRoundTripThroughV1AndV2(@ForAll("addresses") InetAddress source,
            @ForAll("addresses") InetAddress destination, @ForAll @IntRange(min = 1, max = 0xFFFF) int sourcePort,
            @ForAll @IntRange(min = 1, max = 0xFFFF) int destinationPort) throws UnknownHostException {
        InetSocketAddress from = new InetSocketAddress(source, sourcePort);
        InetSocketAddress to = new InetSocketAddress(destination, destinationPort);
        for (byte[] header : new byte[][] {ProxyHeader.v1(from, to), ProxyHeader.v2(from, to)}) {
            HAProxyMessage message = decode(header);
            try {
                // an IPv4 address next to an IPv6 one goes out IPv4-mapped, which Java reads back as IPv4
                assertThat(InetAddress.getByName(message.sourceAddress())).isEqualTo(source);
                assertThat(InetAddress.getByName(message.destinationAddress())).isEqualTo(destination);
                assertThat(message.sourcePort()).isEqualTo(sourcePort);
                assertThat(message.destinationPort()).isEqualTo(destinationPort);
            } finally {
                message.release();
            }
        }
    }

    @Property
    void nettysDecoderAnswersGarbageWithinTheCaps(@ForAll("headers") byte[] bytes, @ForAll int split) {
        ProxyHeaderChecks.decoder(bytes, split);
    }

    @Provide
    Arbitrary<InetAddress> addresses() {
        Arbitrary<byte[]> four = Arbitraries.bytes().array(byte[].class).ofSize(4);
        Arbitrary<byte[]> sixteen = Arbitraries.bytes().array(byte[].class).ofSize(16);
        return Arbitraries.oneOf(four, sixteen).map(raw -> {
            try {
                return InetAddress.getByAddress(raw);
            } catch (UnknownHostException e) {
                throw new AssertionError(e);
            }
        });
    }

    @Provide
    Arbitrary<byte[]> headers() {
        return Mutations.of(Seeds.proxyHeaders(), 120);
    }

    private static HAProxyMessage decode(byte[] header) {
        EmbeddedChannel channel = new EmbeddedChannel(new HAProxyMessageDecoder());
        channel.writeInbound(Unpooled.wrappedBuffer(header));
        HAProxyMessage message = channel.readInbound();
        channel.finishAndReleaseAll();
        assertThat(message).as("decoded").isNotNull();
        return message;
    }
}
