package dev.gamma.pipeline;

import static dev.gamma.pipeline.PacketBytes.concat;
import static dev.gamma.pipeline.PacketBytes.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gamma.protocol.Frames;
import dev.gamma.protocol.PacketKind;
import dev.gamma.protocol.PacketTable;
import dev.gamma.protocol.ProtocolException;
import dev.gamma.protocol.WireWriter;
import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A frame cut by the end of a chunk is kept in memory the node must give back: when it is read, when the stream turns
 * raw, when watching ends, when the session closes, whichever comes first and whatever ends the reading. What clients
 * keep counts against the node's limit, which refuses a frame rather than let clients hold more.
 */
class UnfinishedFramesTest {
    private static final int PROTOCOL = 769;
    private final PacketTable table = PacketTable.forVersion(PROTOCOL);
    private final Memory memory = new Memory();
    private final RecordingSink sink = new RecordingSink();

    @Test
    void aSessionClosedInTheMiddleOfAFrameGivesItBack() {
        PacketPipeline pipeline = framed(List.of());
        pipeline.fromBackend(Buffer.buffer(Arrays.copyOf(frame(0x7E, new byte[5_000]), 3_000)));
        pipeline.fromClient(Buffer.buffer(Arrays.copyOf(frame(0x7E, new byte[300]), 2)));
        assertThat(memory.held()).isEqualTo(2);

        pipeline.closed();
        pipeline.closed();
        pipeline.fromBackend(Buffer.buffer(new byte[] {1, 2, 3})); // a read that came after the close

        assertThat(memory.held()).isZero();
    }

    /** A write that closes the connection under the pipeline (as a socket's close runs the session's end at once). */
    @Test
    void aSessionClosedByAWriteOfTheChunkKeepsNothingOfItsUnfinishedFrame() {
        PacketPipeline[] pipeline = new PacketPipeline[1];
        PacketSink closingOnWrite = new PacketSink() {
            @Override
            public void toClient(Buffer bytes) {
                pipeline[0].closed();
            }

            @Override
            public void toBackend(Buffer bytes) {}

            @Override
            public void close(String reason) {}
        };
        pipeline[0] = new PacketPipeline(connection(), List.of(), closingOnWrite, false, memory,
                UnfinishedFrames.unlimited());

        pipeline[0].fromBackend(Buffer.buffer(concat(frame(0x7E, new byte[100]),
                Arrays.copyOf(frame(0x7E, new byte[5_000]), 3_000))));

        assertThat(memory.held()).isZero();
    }

    @Test
    void aFinishedFrameThatIsRefusedIsGivenBack() {
        PacketPipeline pipeline = framed(List.of());
        byte[] setCompression = frame(table.id(PacketKind.SET_COMPRESSION).orElseThrow(),
                new WireWriter().writeVarInt(64).toByteArray());
        byte[] inflatesToNothing = Frames.frame(new WireWriter().writeVarInt(9_999_999).writeBytes(new byte[40])
                .toByteArray()); // declares more than a packet may inflate to
        pipeline.fromBackend(Buffer.buffer(concat(setCompression, Arrays.copyOf(inflatesToNothing, 10))));

        assertThatThrownBy(() -> pipeline.fromBackend(
                Buffer.buffer(Arrays.copyOfRange(inflatesToNothing, 10, inflatesToNothing.length))))
                .isInstanceOf(ProtocolException.class);
        assertThat(memory.allocated()).isPositive();
        assertThat(memory.held()).isZero();
    }

    @Test
    void aHandlerClosingOnAFinishedFrameLeavesNothingKept() {
        PacketPipeline pipeline = framed(List.of(new NamedHandler("closer", (packet, context) -> context.close("Bye"))));
        byte[] frame = frame(0x7E, new byte[400]);
        pipeline.fromClient(Buffer.buffer(Arrays.copyOf(frame, 100)));
        pipeline.fromClient(Buffer.buffer(concat(Arrays.copyOfRange(frame, 100, frame.length), frame(0x7E, new byte[9]),
                Arrays.copyOf(frame, 50))));

        assertThat(sink.closes).containsExactly("Bye");
        assertThat(memory.allocated()).isPositive();
        assertThat(memory.held()).isZero();
    }

    @Test
    void encryptionStartingInAFinishedFrameWritesOutAndGivesBackWhatTheOtherSideKept() {
        PacketPipeline pipeline = framed(List.of());
        byte[] request = frame(table.id(PacketKind.ENCRYPTION_REQUEST).orElseThrow(), new byte[40]);
        byte[] fromBackend = frame(0x7E, new byte[700]);
        pipeline.fromBackend(Buffer.buffer(concat(request, Arrays.copyOf(fromBackend, 200))));
        byte[] response = frame(table.id(PacketKind.ENCRYPTION_RESPONSE).orElseThrow(), new byte[260]);
        pipeline.fromClient(Buffer.buffer(Arrays.copyOf(response, 30)));
        pipeline.fromClient(Buffer.buffer(Arrays.copyOfRange(response, 30, response.length)));

        assertThat(pipeline.encrypted()).isTrue();
        assertThat(sink.toClient.getBytes()).as("what the backend had sent, written out as it came")
                .isEqualTo(concat(request, Arrays.copyOf(fromBackend, 200)));
        assertThat(memory.allocated()).isEqualTo(2);
        assertThat(memory.held()).isZero();
    }

    @Test
    void aWatchedLoginEndingInAFinishedFrameGivesBackBothSides() {
        PacketPipeline watcher = new PacketPipeline(connection(), List.of(), sink, true, memory, UnfinishedFrames.unlimited());
        byte[] success = frame(table.id(PacketKind.LOGIN_SUCCESS).orElseThrow(), new byte[40]);
        byte[] nextFromBackend = frame(0x7E, new byte[3_000]);
        watcher.fromBackend(Buffer.buffer(concat(success, Arrays.copyOf(nextFromBackend, 1_000))));
        byte[] acknowledged = frame(table.id(PacketKind.LOGIN_ACKNOWLEDGED).orElseThrow(), new byte[0]);
        watcher.fromClient(Buffer.buffer(Arrays.copyOf(acknowledged, 1)));
        watcher.fromClient(Buffer.buffer(concat(Arrays.copyOfRange(acknowledged, 1, acknowledged.length),
                "raw bytes".getBytes())));

        assertThat(watcher.passingThrough()).isTrue();
        assertThat(memory.allocated()).isEqualTo(2);
        assertThat(memory.held()).isZero();
    }

    @Test
    void whatAClientKeepsPastItsFreeShareCountsForTheNodeUntilTheFrameIsRead() {
        UnfinishedFrames node = new UnfinishedFrames(() -> 1 << 20);
        PacketPipeline pipeline = framed(List.of(), node);
        byte[] frame = frame(0x7E, new byte[200_000]);
        pipeline.fromClient(Buffer.buffer(Arrays.copyOf(frame, 3_000)));
        assertThat(node.held()).as("within a connection's free share").isZero();

        pipeline.fromClient(Buffer.buffer(Arrays.copyOfRange(frame, 3_000, 150_000)));
        assertThat(memory.heldCapacity()).isGreaterThanOrEqualTo(150_000);
        assertThat(node.held()).isEqualTo(memory.heldCapacity() - UnfinishedFrames.FREE_BYTES);

        pipeline.fromClient(Buffer.buffer(Arrays.copyOfRange(frame, 150_000, frame.length)));
        assertThat(sink.toBackend.getBytes()).isEqualTo(frame);
        assertThat(node.held()).isZero();
        assertThat(memory.held()).isZero();
    }

    @Test
    void aClientFrameTheNodeMayNotHoldIsRefusedAndKeepsNothing() {
        UnfinishedFrames node = new UnfinishedFrames(() -> 250_000);
        byte[] frame = frame(0x7E, new byte[200_000]);
        PacketPipeline holder = framed(List.of(), node);
        holder.fromClient(Buffer.buffer(Arrays.copyOf(frame, 150_000)));
        long held = node.held();
        assertThat(held).isEqualTo(150_000 - UnfinishedFrames.FREE_BYTES);

        PacketPipeline growing = framed(List.of(), node); // refused as its frame grows, having counted some already
        growing.fromClient(Buffer.buffer(Arrays.copyOf(frame, 10_000)));
        assertThat(node.held()).isEqualTo(held + 10_000 - UnfinishedFrames.FREE_BYTES);
        assertThatThrownBy(() -> growing.fromClient(Buffer.buffer(Arrays.copyOfRange(frame, 10_000, 150_000))))
                .isInstanceOf(UnfinishedFrames.Refused.class).hasMessageContaining("limits.max-unfinished-packets-mib");
        growing.fromClient(Buffer.buffer(frame(0x10, new byte[5]))); // what follows a refusal is not read
        growing.fromBackend(Buffer.buffer(frame(0x10, new byte[5])));
        assertThat(sink.toBackend.length()).as("no frame finished, and none read after the refusal").isZero();
        assertThat(sink.toClient.length()).isZero();
        PacketPipeline starting = framed(List.of(), node); // refused as it begins one
        assertThatThrownBy(() -> starting.fromClient(Buffer.buffer(concat(frame(0x10, new byte[5]),
                Arrays.copyOf(frame, 150_000))))).isInstanceOf(UnfinishedFrames.Refused.class);
        assertThat(node.held()).isEqualTo(held);
        assertThat(node.refused()).isEqualTo(2);
        assertThat(memory.held()).as("only the holder's frame").isEqualTo(1);

        holder.closed();
        assertThat(node.held()).isZero();
        PacketPipeline after = framed(List.of(), node);
        after.fromClient(Buffer.buffer(Arrays.copyOf(frame, 150_000)));
        assertThat(node.held()).isEqualTo(held);
    }

    @Test
    void theBackendsFramesDoNotCount() {
        UnfinishedFrames node = new UnfinishedFrames(() -> 0);
        PacketPipeline pipeline = framed(List.of(), node);
        byte[] frame = frame(0x7E, new byte[200_000]);
        pipeline.fromBackend(Buffer.buffer(Arrays.copyOf(frame, 150_000)));
        pipeline.fromBackend(Buffer.buffer(Arrays.copyOfRange(frame, 150_000, frame.length)));

        assertThat(sink.toClient.getBytes()).isEqualTo(frame);
        assertThat(node.refused()).isZero();
    }

    @Test
    void aWatchedLoginWhoseFrameTheNodeMayNotHoldIsNoLongerWatchedAndForwardsEverything() {
        UnfinishedFrames node = new UnfinishedFrames(() -> 100_000);
        PacketPipeline watcher = new PacketPipeline(connection(), List.of(), sink, true, memory, node);
        byte[] frame = frame(0x7E, new byte[200_000]);
        watcher.fromClient(Buffer.buffer(Arrays.copyOf(frame, 3_000)));
        assertThat(watcher.passingThrough()).isFalse();
        watcher.fromClient(Buffer.buffer(Arrays.copyOfRange(frame, 3_000, 150_000)));
        assertThat(watcher.passingThrough()).isTrue();
        watcher.fromClient(Buffer.buffer(concat(Arrays.copyOfRange(frame, 150_000, frame.length),
                "not a frame".getBytes())));

        assertThat(sink.toBackend.getBytes()).isEqualTo(concat(frame, "not a frame".getBytes()));
        assertThat(sink.closes).isEmpty();
        assertThat(node.held()).isZero();
        assertThat(node.refused()).isEqualTo(1);
        assertThat(memory.held()).isZero();
    }

    private PacketPipeline framed(List<NamedHandler> handlers) {
        return framed(handlers, UnfinishedFrames.unlimited());
    }

    private PacketPipeline framed(List<NamedHandler> handlers, UnfinishedFrames node) {
        return new PacketPipeline(connection(), handlers, sink, false, memory, node);
    }

    private static ConnectionInfo connection() {
        return new ConnectionInfo(PROTOCOL, "Steve", UUID.randomUUID(), "127.0.0.1", "r");
    }

    /** Direct memory that remembers every buffer it gave, to tell which are still held. */
    private static final class Memory extends AbstractByteBufAllocator {
        private final List<ByteBuf> given = new ArrayList<>();

        Memory() {
            super(true);
        }

        int allocated() {
            return given.size();
        }

        long held() {
            return given.stream().filter(buffer -> buffer.refCnt() > 0).count();
        }

        long heldCapacity() {
            return given.stream().filter(buffer -> buffer.refCnt() > 0).mapToLong(ByteBuf::capacity).sum();
        }

        @Override
        protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
            ByteBuf buffer = UnpooledByteBufAllocator.DEFAULT.directBuffer(initialCapacity, maxCapacity);
            given.add(buffer);
            return buffer;
        }

        @Override
        protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
            throw new AssertionError("unfinished frames are kept in direct memory");
        }

        @Override
        public boolean isDirectBufferPooled() {
            return false;
        }
    }
}
