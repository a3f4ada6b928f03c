package dev.gamma.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.Deflater;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class CompressionTest {
    private final Compression zlib = new Compression(256);

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {1, 255, 256, 257, 4096, 1 << 20})
    void framesRoundTripAroundTheThreshold(int size) {
        byte[] body = new byte[size];
        new Random(size).nextBytes(body);
        body[0] = 0x22;
        ByteBuffer frameBody = Frames.next(ByteBuffer.wrap(zlib.frame(body)), Frames.MAX_FRAME_LENGTH);
        assertThat(frameBody).isNotNull();
        assertThat(bytes(zlib.decompress(frameBody))).isEqualTo(body);
        assertThat(zlib.peekPacketId(frameBody)).isEqualTo(0x22);
    }

    @Test
    void zeroThresholdCompressesEverything() {
        Compression always = new Compression(0);
        ByteBuffer frameBody = Frames.next(ByteBuffer.wrap(always.frame(new byte[] {5})), 100);
        assertThat(new WireReader(frameBody.duplicate()).readVarInt()).as("declared length").isEqualTo(1);
        assertThat(bytes(always.decompress(frameBody))).containsExactly(5);
    }

    @Test
    void declaredLengthLargerThanTheDataIsRefused() {
        assertThatThrownBy(() -> zlib.decompress(compressed(1000, new byte[600])))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("declared 1000");
    }

    @Test
    void declaredLengthSmallerThanTheDataIsRefused() {
        assertThatThrownBy(() -> zlib.decompress(compressed(300, new byte[600])))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("more than declared");
    }

    @Test
    void hugeDeclaredLengthIsRefusedBeforeAllocating() {
        assertThatThrownBy(() -> zlib.decompress(compressed(Integer.MAX_VALUE, new byte[600])))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("over");
    }

    @Test
    void tinyBodyClaimingMegabytesIsRefusedBeforeAllocating() {
        ByteBuffer body = ByteBuffer.wrap(new WireWriter().writeVarInt(Compression.MAX_UNCOMPRESSED)
                .writeBytes(new byte[] {0x78, (byte) 0x9C, 0x03}).toByteArray());
        assertThatThrownBy(() -> zlib.decompress(body)).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("cannot inflate");
    }

    @Test
    void tinyPacketInflatingToMoreThanItDeclaresIsRefused() {
        Compression always = new Compression(0);
        assertThatThrownBy(() -> always.decompress(compressed(1, new byte[2])))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("more than declared 1");
        assertThat(always.peekPacketId(compressed(1, new byte[] {7, 7}))).as("the head alone is still readable")
                .isEqualTo(7);
    }

    @Test
    void negativeThresholdIsNotACompression() {
        assertThatThrownBy(() -> new Compression(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void declaredLengthUnderTheThresholdIsRefused() {
        assertThatThrownBy(() -> zlib.decompress(compressed(10, new byte[10])))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("under the threshold");
    }

    @Test
    void garbageAfterTheLengthIsRefused() {
        ByteBuffer body = ByteBuffer.wrap(new WireWriter().writeVarInt(300).writeBytes(new byte[] {1, 2, 3, 4}).toByteArray());
        assertThatThrownBy(() -> zlib.decompress(body)).isInstanceOf(ProtocolException.class);
    }

    /**
     * Every framed connection reads with two of these, and a watched login with two until it ends: zlib's deflate
     * state (some 256 KiB of native memory, 90 KiB of it touched at once) must wait for a packet to write.
     */
    @Test
    void aConnectionThatWritesNoPacketHoldsNoDeflateState() throws Exception {
        Assumptions.assumeTrue(Files.isReadable(Path.of("/proc/self/status")), "needs Linux's /proc");
        int count = 2_000;
        List<Compression> connections = new ArrayList<>();
        long before = residentKiB();
        for (int i = 0; i < count; i++) {
            Compression reading = new Compression(256);
            reading.decompress(Frames.next(ByteBuffer.wrap(zlib.frame(new byte[1_000])), Frames.MAX_FRAME_LENGTH));
            connections.add(reading);
        }
        long perConnection = (residentKiB() - before) / count;
        connections.forEach(Compression::close);

        assertThat(perConnection).as("KiB of native memory per instance that read a compressed packet")
                .isLessThan(48);
        Compression writing = new Compression(256);
        byte[] body = new byte[1_000];
        assertThat(bytes(writing.decompress(Frames.next(ByteBuffer.wrap(writing.frame(body)), 2_000))))
                .as("made when needed, it writes as before").isEqualTo(body);
        writing.close();
    }

    private static long residentKiB() throws Exception {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(line -> line.startsWith("VmRSS:"))
                .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", ""))).findFirst().orElseThrow();
    }

    private static ByteBuffer compressed(int declared, byte[] actual) {
        Deflater deflater = new Deflater();
        deflater.setInput(actual);
        deflater.finish();
        byte[] out = new byte[actual.length + 64];
        int n = deflater.deflate(out);
        deflater.end();
        return ByteBuffer.wrap(new WireWriter().writeVarInt(declared).writeBytes(java.util.Arrays.copyOf(out, n)).toByteArray());
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }
}
