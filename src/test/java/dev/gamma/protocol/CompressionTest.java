package dev.gamma.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
     * Every framed connection reads and writes with two of these, and a watched login with two until it ends: zlib's
     * state (a 32 KiB window to inflate, some 256 KiB to deflate, 90 KiB of it touched at once) is the thread's.
     */
    @Test
    void aConnectionHoldsNoZlibStateOfItsOwn() throws Exception {
        Assumptions.assumeTrue(Files.isReadable(Path.of("/proc/self/status")), "needs Linux's /proc");
        int count = 2_000;
        readAndWriteOnce(count, new ArrayList<>()); // what the loop itself makes the heap touch, touched before
        List<Compression> connections = new ArrayList<>();
        long before = residentKiB();
        readAndWriteOnce(count, connections);

        assertThat((residentKiB() - before) / count).as("KiB of memory per instance that read and wrote a packet")
                .isLessThan(24); // each with zlib of its own: 40 to 100
    }

    private static void readAndWriteOnce(int count, List<Compression> kept) {
        byte[] body = new byte[300];
        for (int i = 0; i < count; i++) {
            Compression connection = new Compression(256);
            body[i % body.length]++;
            ByteBuffer frameBody = Frames.next(ByteBuffer.wrap(connection.frame(body)), Frames.MAX_FRAME_LENGTH);
            assertThat(bytes(connection.decompress(frameBody))).isEqualTo(body);
            kept.add(connection);
        }
    }

    @Test
    void connectionsOnOneThreadAndOnSeveralDoNotMixTheirPackets() throws Exception {
        Compression first = new Compression(64);
        Compression second = new Compression(128);
        byte[] one = new byte[3_000];
        Arrays.fill(one, (byte) 1);
        byte[] two = new byte[5_000];
        new Random(2).nextBytes(two);
        ByteBuffer firstHead = Frames.next(ByteBuffer.wrap(first.frame(one)), Frames.MAX_FRAME_LENGTH);
        assertThat(first.peekPacketId(firstHead)).isEqualTo(1); // leaves the thread's inflater mid-stream
        ByteBuffer secondFrame = Frames.next(ByteBuffer.wrap(second.frame(two)), Frames.MAX_FRAME_LENGTH);
        assertThat(bytes(second.decompress(secondFrame))).isEqualTo(two);
        assertThat(bytes(first.decompress(firstHead))).isEqualTo(one);

        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            assertThat(other.submit(() -> bytes(first.decompress(secondFrame.duplicate()))).get())
                    .as("on another thread, with the other connection's packet").isEqualTo(two);
        } finally {
            other.shutdownNow();
        }
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
