package dev.gamma.pipeline;

import static dev.gamma.pipeline.PacketBytes.body;
import static dev.gamma.pipeline.PacketBytes.concat;
import static dev.gamma.pipeline.PacketBytes.frame;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gamma.it.LogLines;
import dev.gamma.protocol.Compression;
import dev.gamma.protocol.Frames;
import dev.gamma.protocol.PacketKind;
import dev.gamma.protocol.PacketTable;
import dev.gamma.protocol.WireWriter;
import io.vertx.core.buffer.Buffer;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Packets a handler injects at the packets that change how the streams are framed: compression and encryption. */
class InjectionFramingTest {
    private static final int PROTOCOL = 769;
    private static final int THRESHOLD = 64;
    private final PacketTable table = PacketTable.forVersion(PROTOCOL);
    private final RecordingSink sink = new RecordingSink();
    private final LogLines log = new LogLines();
    private final byte[] large = filled(300, 7);
    private final byte[] small = filled(5, 3);

    @AfterEach
    void stopListening() {
        log.close();
    }

    /** At {@code kind}, a handler injects a large and a small packet towards the client and one towards the backend. */
    private PacketPipeline injectingAt(PacketKind kind) {
        PacketHandler handler = (packet, context) -> {
            if (packet.id() == id(kind) && packet.state() == ConnectionState.LOGIN
                    && packet.direction().wire() == kind.direction()) {
                context.inject(Direction.CLIENTBOUND, 0x30, ByteBuffer.wrap(large));
                context.inject(Direction.CLIENTBOUND, 0x31, ByteBuffer.wrap(small));
                context.inject(Direction.SERVERBOUND, 0x32, ByteBuffer.wrap(large));
            }
        };
        return new PacketPipeline(new ConnectionInfo(PROTOCOL, "Steve", UUID.randomUUID(), "127.0.0.1", "r"),
                List.of(new NamedHandler("injector", handler)), sink, UnfinishedFrames.unlimited());
    }

    @Test
    void packetsInjectedAtSetCompressionAreCompressedAsBothStreamsNowAre() {
        byte[] setCompression = frame(id(PacketKind.SET_COMPRESSION),
                new WireWriter().writeVarInt(THRESHOLD).toByteArray());
        byte[] loginSuccess = body(id(PacketKind.LOGIN_SUCCESS), filled(40, 1));
        byte[] sameChunk = concat(setCompression, new Compression(THRESHOLD).frame(loginSuccess));
        injectingAt(PacketKind.SET_COMPRESSION).fromBackend(Buffer.buffer(sameChunk));

        byte[] toClient = sink.toClient.getBytes();
        assertThat(Arrays.copyOf(toClient, setCompression.length)).as("Set Compression itself goes out as it came")
                .isEqualTo(setCompression);
        byte[] after = Arrays.copyOfRange(toClient, setCompression.length, toClient.length);
        assertThat(compressedBodies(after)).as("the injections, then the rest of the chunk")
                .containsExactly(body(0x30, large), body(0x31, small), loginSuccess);
        assertThat(compressedBodies(sink.toBackend.getBytes())).containsExactly(body(0x32, large));
        assertThat(log.of(HandlerChain.class.getName())).isEmpty();
    }

    @Test
    void packetsInjectedAtTheClientsEncryptionResponseAreDroppedNotSentInTheClear() {
        PacketPipeline pipeline = injectingAt(PacketKind.ENCRYPTION_RESPONSE);
        byte[] request = frame(id(PacketKind.ENCRYPTION_REQUEST), new byte[] {1, 2});
        byte[] response = frame(id(PacketKind.ENCRYPTION_RESPONSE), new byte[] {0, 0});
        byte[] cipherText = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x13};
        pipeline.fromBackend(Buffer.buffer(request));
        pipeline.fromClient(Buffer.buffer(concat(response, cipherText)));
        pipeline.fromBackend(Buffer.buffer(cipherText));

        assertThat(pipeline.encrypted()).isTrue();
        assertThat(sink.toBackend.getBytes()).isEqualTo(concat(response, cipherText));
        assertThat(sink.toClient.getBytes()).isEqualTo(concat(request, cipherText));
        assertThat(log.of(HandlerChain.class.getName())).singleElement().asString()
                .contains("3 packet(s) handlers injected after the client's Encryption Response on Steve@127.0.0.1 (r)"
                        + " were dropped");
    }

    @Test
    void packetsInjectedAtTheBackendsEncryptionRequestStillGoOutInTheClear() {
        byte[] request = frame(id(PacketKind.ENCRYPTION_REQUEST), new byte[] {1, 2});
        injectingAt(PacketKind.ENCRYPTION_REQUEST).fromBackend(Buffer.buffer(request));

        assertThat(sink.toClient.getBytes()).isEqualTo(concat(request, frame(0x30, large), frame(0x31, small)));
        assertThat(sink.toBackend.getBytes()).isEqualTo(frame(0x32, large));
    }

    /** The packet bodies of a stream of compressed-format frames. */
    private static List<byte[]> compressedBodies(byte[] stream) {
        Compression zlib = new Compression(THRESHOLD);
        ByteBuffer in = ByteBuffer.wrap(stream);
        List<byte[]> bodies = new ArrayList<>();
        for (ByteBuffer frameBody = Frames.next(in, Frames.MAX_FRAME_LENGTH); frameBody != null;
                frameBody = Frames.next(in, Frames.MAX_FRAME_LENGTH)) {
            ByteBuffer body = zlib.decompress(frameBody);
            byte[] bytes = new byte[body.remaining()];
            body.get(bytes);
            bodies.add(bytes);
        }
        assertThat(in.remaining()).as("nothing after the last whole frame").isZero();
        return bodies;
    }

    private int id(PacketKind kind) {
        return table.id(kind).orElseThrow();
    }

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
