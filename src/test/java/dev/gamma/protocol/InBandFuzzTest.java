package dev.gamma.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Random bytes into the decoders the framed relay uses: only {@link ProtocolException} may escape. */
class InBandFuzzTest {
    private static final int TRIES = 2000;

    @Property(tries = TRIES)
    void nbtTextThrowsOnlyProtocolException(@ForAll @Size(max = 300) byte[] bytes) {
        survives(() -> NbtText.plain(ByteBuffer.wrap(bytes)));
    }

    @Property(tries = TRIES)
    void compressionThrowsOnlyProtocolException(@ForAll @Size(max = 300) byte[] bytes,
            @ForAll @IntRange(min = 0, max = 1024) int threshold) {
        Compression zlib = new Compression(threshold);
        try {
            survives(() -> zlib.decompress(ByteBuffer.wrap(bytes)));
            survives(() -> zlib.peekPacketId(ByteBuffer.wrap(bytes)));
        } finally {
            zlib.close();
        }
    }

    @Property(tries = TRIES)
    void chatReadersThrowOnlyProtocolException(@ForAll @Size(max = 200) byte[] bytes,
            @ForAll @IntRange(min = 40, max = 800) int protocol) {
        survives(() -> InBandPackets.serverboundChatText(protocol, ByteBuffer.wrap(bytes)));
        survives(() -> InBandPackets.clientboundChatText(protocol, ByteBuffer.wrap(bytes)));
    }

    private static void survives(Runnable decode) {
        try {
            decode.run();
        } catch (ProtocolException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }
}
