package dev.gamma.pipeline;

import static dev.gamma.pipeline.PacketBytes.concat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gamma.protocol.Compression;
import dev.gamma.protocol.Frames;
import dev.gamma.protocol.PacketKind;
import dev.gamma.protocol.PacketTable;
import dev.gamma.protocol.WireWriter;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A raw route's login watcher is a tap: every chunk is forwarded as it is read, whatever the watcher makes of it. */
class LoginWatchTest {
    private final List<byte[]> toClient = new ArrayList<>();
    private final List<byte[]> toBackend = new ArrayList<>();

    static List<Integer> acknowledgingProtocols() {
        return List.of(764, 767, PacketTable.newest()); // 1.20.2, 1.21, the newest known
    }

    private PacketPipeline watcher(int protocol) {
        return PacketPipeline.loginWatcher(new ConnectionInfo(protocol, "Steve", null, "127.0.0.1", "r"),
                new PacketSink() {
                    @Override
                    public void toClient(Buffer bytes) {
                        toClient.add(bytes.getBytes());
                    }

                    @Override
                    public void toBackend(Buffer bytes) {
                        toBackend.add(bytes.getBytes());
                    }

                    @Override
                    public void close(String reason) {
                        throw new AssertionError("a watcher never closes: " + reason);
                    }
                }, UnfinishedFrames.unlimited());
    }

    @ParameterizedTest(name = "protocol {0}")
    @MethodSource("acknowledgingProtocols")
    void bytesThatAreNotFramesAfterLoginSuccessGoThroughAtOnceBothWays(int protocol) {
        PacketPipeline watcher = watcher(protocol);
        byte[] success = frame(protocol, PacketKind.LOGIN_SUCCESS, new byte[20]);
        byte[] ys = repeated('y', 64);
        byte[] xs = repeated('x', 64);

        watcher.fromBackend(Buffer.buffer(concat(success, ys)));
        assertThat(toClient).as("Login Success and what follows it, in the same write").hasSize(1);
        assertThat(toClient.get(0)).isEqualTo(concat(success, ys));

        watcher.fromClient(Buffer.buffer(xs));
        assertThat(toBackend).hasSize(1);
        assertThat(toBackend.get(0)).isEqualTo(xs);
        assertThat(watcher.passingThrough()).as("not an acknowledgement: the watching ends").isTrue();
        assertThat(watcher.kick("late")).isFalse();
    }

    @ParameterizedTest(name = "protocol {0}")
    @MethodSource("acknowledgingProtocols")
    void everyPieceOfASplitFrameIsForwardedWhenReadAndTheLoginIsStillFollowed(int protocol) {
        PacketPipeline watcher = watcher(protocol);
        byte[] success = frame(protocol, PacketKind.LOGIN_SUCCESS, new byte[20]);
        for (int i = 0; i < success.length; i++) {
            watcher.fromBackend(Buffer.buffer(new byte[] {success[i]}));
            assertThat(toClient).as("byte %d of Login Success", i).hasSize(i + 1);
        }
        assertThat(watcher.kick("mid-login")).as("at a frame boundary again: a kick can carry its reason").isTrue();

        byte[] ack = frame(protocol, PacketKind.LOGIN_ACKNOWLEDGED, new byte[0]);
        watcher.fromClient(Buffer.buffer(Arrays.copyOf(ack, 1)));
        watcher.fromClient(Buffer.buffer(Arrays.copyOfRange(ack, 1, ack.length)));
        assertThat(toBackend).hasSize(2);
        assertThat(watcher.state()).isEqualTo(ConnectionState.CONFIGURATION);
        assertThat(watcher.passingThrough()).isTrue();
    }

    @ParameterizedTest(name = "protocol {0}")
    @MethodSource("acknowledgingProtocols")
    void aKickIsNotWrittenIntoTheMiddleOfAForwardedFrame(int protocol) {
        PacketPipeline watcher = watcher(protocol);
        byte[] request = frame(protocol, PacketKind.ENCRYPTION_REQUEST, new byte[40]);
        watcher.fromBackend(Buffer.buffer(Arrays.copyOf(request, 10)));

        assertThat(watcher.kick("now")).isFalse();
        assertThat(toClient).hasSize(1);
        assertThat(toClient.get(0)).isEqualTo(Arrays.copyOf(request, 10));
    }

    @ParameterizedTest(name = "protocol {0}")
    @MethodSource("acknowledgingProtocols")
    void anEncryptionResponseSplitOverChunksIsStillSeen(int protocol) {
        PacketPipeline watcher = watcher(protocol);
        watcher.fromBackend(Buffer.buffer(frame(protocol, PacketKind.ENCRYPTION_REQUEST, new byte[20])));
        byte[] response = frame(protocol, PacketKind.ENCRYPTION_RESPONSE, new byte[30]);
        watcher.fromClient(Buffer.buffer(Arrays.copyOf(response, 7)));
        assertThat(watcher.encrypted()).isFalse();
        watcher.fromClient(Buffer.buffer(concat(Arrays.copyOfRange(response, 7, response.length), repeated('c', 9))));

        assertThat(watcher.encrypted()).isTrue();
        assertThat(watcher.passingThrough()).isTrue();
        assertThat(concat(toBackend.toArray(byte[][]::new))).isEqualTo(concat(response, repeated('c', 9)));
    }

    @ParameterizedTest(name = "protocol {0}")
    @MethodSource("acknowledgingProtocols")
    void answersTheBackendDidNotAskForNeitherEndTheWatchingNorFinishTheLogin(int protocol) {
        PacketPipeline watcher = watcher(protocol);
        byte[] unasked = concat(frame(protocol, PacketKind.LOGIN_ACKNOWLEDGED, new byte[0]),
                frame(protocol, PacketKind.ENCRYPTION_RESPONSE, new byte[30]));
        watcher.fromClient(Buffer.buffer(unasked));

        assertThat(watcher.passingThrough()).isFalse();
        assertThat(watcher.encrypted()).isFalse();
        assertThat(watcher.state()).isEqualTo(ConnectionState.LOGIN);
        assertThat(concat(toBackend.toArray(byte[][]::new))).as("forwarded all the same").isEqualTo(unasked);

        watcher.fromBackend(Buffer.buffer(frame(protocol, PacketKind.LOGIN_SUCCESS, new byte[20])));
        watcher.fromClient(Buffer.buffer(frame(protocol, PacketKind.LOGIN_ACKNOWLEDGED, new byte[0])));
        assertThat(watcher.state()).isEqualTo(ConnectionState.CONFIGURATION);
        assertThat(watcher.passingThrough()).isTrue();
    }

    @ParameterizedTest(name = "protocol {0}")
    @MethodSource("acknowledgingProtocols")
    void aCompressedLoginIsFollowedToItsEnd(int protocol) {
        PacketPipeline watcher = watcher(protocol);
        Compression zlib = new Compression(256);
        watcher.fromBackend(Buffer.buffer(concat(frame(protocol, PacketKind.SET_COMPRESSION,
                new WireWriter().writeVarInt(256).toByteArray()), zlib.frame(body(protocol, PacketKind.LOGIN_SUCCESS,
                new byte[600])))));

        watcher.fromClient(Buffer.buffer(zlib.frame(body(protocol, PacketKind.LOGIN_ACKNOWLEDGED, new byte[0]))));
        assertThat(watcher.state()).isEqualTo(ConnectionState.CONFIGURATION);
        assertThat(watcher.passingThrough()).as("the rest of the session is not read").isTrue();
    }

    private static byte[] body(int protocol, PacketKind kind, byte[] payload) {
        int id = PacketTable.forVersion(protocol).id(kind).orElseThrow();
        return new WireWriter().writeVarInt(id).writeBytes(payload).toByteArray();
    }

    private static byte[] frame(int protocol, PacketKind kind, byte[] payload) {
        return Frames.frame(body(protocol, kind, payload));
    }

    private static byte[] repeated(char c, int count) {
        byte[] bytes = new byte[count];
        Arrays.fill(bytes, (byte) c);
        return bytes;
    }
}
