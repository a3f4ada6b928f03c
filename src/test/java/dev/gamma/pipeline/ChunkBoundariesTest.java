package dev.gamma.pipeline;

import static dev.gamma.pipeline.PacketBytes.body;
import static dev.gamma.pipeline.PacketBytes.concat;
import static dev.gamma.pipeline.PacketBytes.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gamma.protocol.Compression;
import dev.gamma.protocol.Frames;
import dev.gamma.protocol.PacketKind;
import dev.gamma.protocol.PacketTable;
import dev.gamma.protocol.ProtocolException;
import dev.gamma.protocol.WireWriter;
import dev.gamma.vertx.VertxInternals;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.BeforeTry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The pipeline reads each chunk where it lies, as the relay hands it over: pooled memory that is reused the moment
 * the call returns. Whatever the chunks' boundaries, every frame must come out as it went in and be seen whole, and
 * nothing may be read from a chunk after its call.
 */
class ChunkBoundariesTest {
    private static final int PROTOCOL = 769;
    private static final int PLAY_PACKET = 0x7E;

    // jqwik runs every try of a property on one instance: each try starts these afresh
    private RecordingSink sink;
    private Buffer toClient;
    private Buffer toBackend;
    private List<byte[]> seen;

    @BeforeTry
    @BeforeEach
    void startAfresh() {
        sink = new RecordingSink();
        toClient = sink.toClient;
        toBackend = sink.toBackend;
        seen = new ArrayList<>();
    }

    @Property(tries = 400)
    void framesCutAnywhereComeOutAsSentAndAreSeenWhole(@ForAll("payloadSizes") List<Integer> sizes,
            @ForAll("chunkSizes") List<Integer> cuts) {
        PacketPipeline pipeline = new PacketPipeline(connection(), List.of(new NamedHandler("recorder",
                (packet, context) -> seen.add(packet.payloadBytes()))), sink(), UnfinishedFrames.unlimited());
        List<byte[]> payloads = new ArrayList<>();
        Buffer stream = Buffer.buffer();
        for (int i = 0; i < sizes.size(); i++) {
            byte[] payload = pattern(i, sizes.get(i));
            payloads.add(payload);
            stream.appendBytes(frame(PLAY_PACKET, payload));
        }

        feedInPooledChunks(stream.getBytes(), cuts, pipeline::fromBackend);

        assertThat(toClient.getBytes()).isEqualTo(stream.getBytes());
        assertThat(seen).hasSize(payloads.size());
        for (int i = 0; i < payloads.size(); i++) {
            assertThat(seen.get(i)).as("payload %d", i).isEqualTo(payloads.get(i));
        }
        UnfinishedFrames counted = UnfinishedFrames.unlimited();
        PacketPipeline fromClients = new PacketPipeline(connection(), List.of(), sink(), counted);
        feedInPooledChunks(stream.getBytes(), cuts, fromClients::fromClient);
        assertThat(toBackend.getBytes()).isEqualTo(stream.getBytes());
        assertThat(counted.held()).as("what the client's frames counted, given back once they are read").isZero();
    }

    @Property(tries = 300)
    void aWatchedLoginCutAnywhereIsForwardedAsSentAndEndsItsWatching(@ForAll("chunkSizes") List<Integer> cuts) {
        PacketPipeline watcher = PacketPipeline.loginWatcher(connection(), sink(), UnfinishedFrames.unlimited());
        PacketTable table = PacketTable.forVersion(PROTOCOL);
        byte[] fromBackend = concat(frame(table.id(PacketKind.LOGIN_SUCCESS).orElseThrow(), pattern(1, 300)),
                frame(PLAY_PACKET, pattern(2, 20_000)));
        byte[] fromClient = concat(frame(table.id(PacketKind.LOGIN_ACKNOWLEDGED).orElseThrow(), new byte[0]),
                "not a frame at all".getBytes(), pattern(3, 5_000));

        feedInPooledChunks(fromBackend, cuts, watcher::fromBackend);
        assertThat(watcher.passingThrough()).isFalse();
        feedInPooledChunks(fromClient, cuts, watcher::fromClient);

        assertThat(watcher.passingThrough()).as("the acknowledged login ends the watching").isTrue();
        assertThat(toClient.getBytes()).isEqualTo(fromBackend);
        assertThat(toBackend.getBytes()).isEqualTo(fromClient);
    }

    @Test
    void droppedReplacedAndEncryptionTurningTheStreamRawCutAnywhereComeOutAsInOnePiece() {
        PacketTable table = PacketTable.forVersion(PROTOCOL);
        byte[] response = frame(table.id(PacketKind.ENCRYPTION_RESPONSE).orElseThrow(), pattern(4, 260));
        byte[] opaque = pattern(5, 700); // encrypted from here on: not frames
        byte[] stream = concat(frame(0x20, pattern(1, 3)), frame(0x21, pattern(2, 200)), frame(0x22, pattern(3, 1)),
                response, opaque);
        byte[] expected = concat(frame(0x21, new byte[] {9, 9}), frame(0x22, pattern(3, 1)), response, opaque);
        PacketHandler dropAndReplace = (packet, context) -> {
            if (packet.id() == 0x20) {
                context.drop();
            } else if (packet.id() == 0x21) {
                context.replace(java.nio.ByteBuffer.wrap(new byte[] {9, 9}));
            }
        };
        for (int cut = 1; cut < stream.length; cut++) {
            startAfresh();
            PacketPipeline pipeline = new PacketPipeline(connection(), List.of(new NamedHandler("h", dropAndReplace)),
                    sink(), UnfinishedFrames.unlimited());
            pipeline.fromBackend(Buffer.buffer(frame(table.id(PacketKind.ENCRYPTION_REQUEST).orElseThrow(),
                    pattern(6, 40))));
            feedInPooledChunks(stream, List.of(cut, stream.length), pipeline::fromClient);
            assertThat(toBackend.getBytes()).as("cut at %d", cut).isEqualTo(expected);
            assertThat(pipeline.encrypted()).isTrue();
        }
    }

    @Test
    void compressionAndAHandlersCloseCutAnywhereComeOutAsInOnePiece() {
        PacketTable table = PacketTable.forVersion(PROTOCOL);
        Compression zlib = new Compression(64);
        byte[] stream = concat(frame(table.id(PacketKind.SET_COMPRESSION).orElseThrow(),
                        new WireWriter().writeVarInt(64).toByteArray()),
                zlib.frame(body(0x42, pattern(1, 500))), zlib.frame(body(0x43, pattern(2, 10))),
                zlib.frame(body(0x44, pattern(3, 90))), zlib.frame(body(0x45, pattern(4, 300))));
        PacketHandler closeOn0x44 = (packet, context) -> {
            seen.add(packet.payloadBytes());
            if (packet.id() == 0x44) {
                context.close("Bye");
            }
        };
        PacketPipeline whole = new PacketPipeline(connection(), List.of(new NamedHandler("h", closeOn0x44)), sink(),
                UnfinishedFrames.unlimited());
        whole.fromBackend(Buffer.buffer(stream));
        byte[] expected = toClient.getBytes();
        assertThat(seen).hasSize(4); // Set Compression, 0x42, 0x43 and 0x44: nothing after the close
        assertThat(seen.get(1)).isEqualTo(pattern(1, 500));
        for (int cut = 1; cut < stream.length; cut++) {
            startAfresh();
            PacketPipeline pipeline = new PacketPipeline(connection(), List.of(new NamedHandler("h", closeOn0x44)),
                    sink(), UnfinishedFrames.unlimited());
            feedInPooledChunks(stream, List.of(cut, stream.length), pipeline::fromBackend);
            assertThat(toClient.getBytes()).as("cut at %d", cut).isEqualTo(expected);
            assertThat(seen).as("cut at %d", cut).hasSize(4);
        }
    }

    @Test
    void aLengthLongerThanThreeBytesIsRefusedWhereverItIsCut() {
        byte[] header = {(byte) 0x80, (byte) 0x80, (byte) 0x80, 0x01};
        for (int cut = 1; cut < header.length; cut++) {
            PacketPipeline pipeline = new PacketPipeline(connection(), List.of(), sink(), UnfinishedFrames.unlimited());
            Buffer first = Buffer.buffer(Arrays.copyOf(header, cut));
            Buffer rest = Buffer.buffer(Arrays.copyOfRange(header, cut, header.length));
            assertThatThrownBy(() -> { // refused as soon as its third byte is read, in whichever piece
                pipeline.fromClient(first);
                pipeline.fromClient(rest);
            }).as("cut at %d", cut).isInstanceOf(ProtocolException.class).hasMessageContaining("longer than 3 bytes");
            assertThat(toBackend.length()).isZero();
        }
    }

    @Test
    void anEmptyFrameIsRefusedWhenItsLengthEndsInTheNextChunk() {
        PacketPipeline pipeline = new PacketPipeline(connection(), List.of(), sink(), UnfinishedFrames.unlimited());
        pipeline.fromClient(Buffer.buffer(new byte[] {(byte) 0x80}));
        assertThatThrownBy(() -> pipeline.fromClient(Buffer.buffer(new byte[] {0x00, 0x05, 0x7E})))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("empty frame");
        assertThat(toBackend.length()).isZero();
    }

    @Test
    void aFrameLongerThanManyChunksIsKeptInOnePieceAndForwardedWhole() {
        PacketPipeline pipeline = new PacketPipeline(connection(), List.of(new NamedHandler("recorder",
                (packet, context) -> seen.add(packet.payloadBytes()))), sink(), UnfinishedFrames.unlimited());
        byte[] payload = pattern(9, Frames.MAX_FRAME_LENGTH - 1);
        byte[] frame = frame(PLAY_PACKET, payload);
        feedInPooledChunks(frame, List.of(1, 1, 4096), pipeline::fromBackend);
        assertThat(toClient.getBytes()).isEqualTo(frame);
        assertThat(seen).singleElement().isEqualTo(payload);
    }

    @Provide
    Arbitrary<List<Integer>> payloadSizes() {
        Arbitrary<Integer> size = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.integers().between(0, 200)),
                Tuple.of(3, Arbitraries.integers().between(120, 20_000)),
                Tuple.of(1, Arbitraries.integers().between(16_370, 70_000)));
        return size.list().ofMinSize(1).ofMaxSize(12);
    }

    @Provide
    Arbitrary<List<Integer>> chunkSizes() {
        return Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.integers().between(1, 4)),
                Tuple.of(3, Arbitraries.integers().between(1, 400)),
                Tuple.of(3, Arbitraries.integers().between(1, 70_000))).list().ofMinSize(1).ofMaxSize(20);
    }

    /**
     * Hands {@code stream} over in chunks of the given sizes (the last repeated), each in pooled direct memory that is
     * scribbled over and released once the call returns, as a reused read buffer would be.
     */
    private static void feedInPooledChunks(byte[] stream, List<Integer> sizes, Consumer<Buffer> reader) {
        int at = 0;
        for (int i = 0; at < stream.length; i++) {
            int length = Math.min(stream.length - at, sizes.get(Math.min(i, sizes.size() - 1)));
            ByteBuf chunk = PooledByteBufAllocator.DEFAULT.directBuffer(length);
            chunk.writeBytes(stream, at, length);
            try {
                reader.accept(VertxInternals.wrap(chunk));
            } finally {
                chunk.setBytes(0, filler(length));
                chunk.release();
            }
            at += length;
        }
    }

    private PacketSink sink() {
        return sink;
    }

    private static ConnectionInfo connection() {
        return new ConnectionInfo(PROTOCOL, "Steve", UUID.randomUUID(), "127.0.0.1", "r");
    }

    private static byte[] pattern(int seed, int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (seed * 31 + i * 7 + (i >> 8));
        }
        return bytes;
    }

    private static byte[] filler(int length) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) 0xEE);
        return bytes;
    }
}
