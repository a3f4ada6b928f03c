package dev.gamma.protocol;

import java.nio.ByteBuffer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/** Whatever bytes arrive, a decoder either answers or throws ProtocolException: nothing else escapes. */
class DecoderFuzzTest {
    private static final int TRIES = 3000;

    @Property(tries = TRIES)
    void framesNextThrowsOnlyProtocolException(@ForAll @Size(max = 600) byte[] bytes,
            @ForAll @IntRange(min = 1, max = Frames.MAX_FRAME_LENGTH) int maxLength) {
        survives(() -> {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (Frames.next(buf, maxLength) != null) {
                // drain every complete frame
            }
        });
    }

    @Property(tries = TRIES)
    void handshakeDecodeThrowsOnlyProtocolException(@ForAll("handshakeLike") byte[] body) {
        survives(() -> Handshake.decode(ByteBuffer.wrap(body)));
    }

    @Property(tries = TRIES)
    void loginStartDecodeThrowsOnlyProtocolException(@ForAll("loginStartLike") byte[] body,
            @ForAll("protocolVersions") int protocolVersion) {
        survives(() -> LoginStart.decode(ByteBuffer.wrap(body), protocolVersion));
    }

    @Property(tries = TRIES)
    void statusReadersThrowOnlyProtocolException(@ForAll @Size(max = 64) byte[] body) {
        survives(() -> StatusPackets.readResponse(ByteBuffer.wrap(body)));
        survives(() -> StatusPackets.readPing(ByteBuffer.wrap(body)));
        survives(() -> StatusPackets.isRequest(ByteBuffer.wrap(body)));
    }

    @Property(tries = TRIES)
    void legacyDetectThrowsOnlyProtocolException(@ForAll("legacyLike") byte[] bytes) {
        survives(() -> LegacyPing.detect(ByteBuffer.wrap(bytes)));
    }

    @Property(tries = TRIES)
    void chatPlainThrowsOnlyProtocolException(
            @ForAll @StringLength(max = 200) @Chars({'{', '}', '[', ']', '"', ':', ',', '\\', 'u', 't', 'e', 'x',
                    'r', 'n', 'l', 'f', 'a', 's', '0', '9', '-', '.', ' ', '\u00a7'}) String json) {
        survives(() -> ChatText.plain(json));
    }

    @Property(tries = TRIES)
    void chatPlainSurvivesAnyString(@ForAll String text) {
        survives(() -> ChatText.plain(text));
    }

    @Provide
    Arbitrary<byte[]> handshakeLike() {
        return mutationsOf(body(new Handshake(769, "mc.example.com\0FML3\0", 25565, Handshake.LOGIN).encode()));
    }

    @Provide
    Arbitrary<byte[]> loginStartLike() {
        return mutationsOf(body(new LoginStart("Notch", java.util.UUID.randomUUID()).encode(760)));
    }

    @Provide
    Arbitrary<byte[]> legacyLike() {
        return Arbitraries.oneOf(
                mutationsOf(Hex.bytes(LegacyPingTest.PING_1_6)),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(40).map(tail -> concat(Hex.bytes("fe 01 fa"), tail)),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(8));
    }

    @Provide
    Arbitrary<Integer> protocolVersions() {
        return Arbitraries.oneOf(
                Arbitraries.of(-1, 0, 47, 340, 758, 759, 760, 761, 762, 763, 764, 765, 766, 769),
                Arbitraries.integers());
    }

    /** Random bytes, and valid bodies that are cut short or have one byte changed. */
    private static Arbitrary<byte[]> mutationsOf(byte[] valid) {
        Arbitrary<byte[]> cut = Arbitraries.integers().between(0, valid.length)
                .map(length -> java.util.Arrays.copyOf(valid, length));
        Arbitrary<byte[]> flipped = Arbitraries.integers().between(0, valid.length - 1)
                .flatMap(index -> Arbitraries.bytes().map(value -> {
                    byte[] copy = valid.clone();
                    copy[index] = value;
                    return copy;
                }));
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(64);
        return Arbitraries.oneOf(cut, flipped, random);
    }

    private static byte[] body(byte[] frame) {
        ByteBuffer body = Hex.body(frame);
        byte[] bytes = new byte[body.remaining()];
        body.get(bytes);
        return bytes;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static void survives(Runnable decode) {
        try {
            decode.run();
        } catch (ProtocolException expected) {
            // the one failure a decoder may report
        }
    }
}
