package dev.gamma.pipeline;

import static dev.gamma.pipeline.PacketBytes.body;
import static dev.gamma.pipeline.PacketBytes.concat;
import static dev.gamma.pipeline.PacketBytes.frame;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gamma.protocol.Compression;
import dev.gamma.protocol.Frames;
import dev.gamma.protocol.PacketKind;
import dev.gamma.protocol.PacketTable;
import dev.gamma.protocol.WireWriter;
import io.vertx.core.buffer.Buffer;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class PacketPipelineTest {
    private static final int PROTOCOL = 769; // 1.21.4: has the configuration state
    private final PacketTable table = PacketTable.forVersion(PROTOCOL);
    private final RecordingSink sink = new RecordingSink();
    private final Buffer toClient = sink.toClient;
    private final Buffer toBackend = sink.toBackend;
    private final List<String> closes = sink.closes;
    private final List<Packet> seen = new ArrayList<>();

    private PacketPipeline pipeline(PacketHandler... handlers) {
        List<NamedHandler> named = new ArrayList<>();
        for (int i = 0; i < handlers.length; i++) {
            named.add(new NamedHandler("h" + i, handlers[i]));
        }
        return new PacketPipeline(new ConnectionInfo(PROTOCOL, "Steve", UUID.randomUUID(), "127.0.0.1", "r"), named,
                sink, UnfinishedFrames.unlimited());
    }

    private PacketHandler recorder() {
        return (packet, context) -> seen.add(new Packet(packet.state(), packet.direction(), packet.id(),
                ByteBuffer.wrap(packet.payloadBytes()), packet.name()));
    }

    @Test
    void unchangedFramesAreForwardedByteForByteEvenWhenSplitAcrossChunks() {
        PacketPipeline pipeline = pipeline(recorder());
        byte[] stream = concat(frame(0x7F, new byte[300]), frame(0x10, new byte[] {1, 2, 3}), frame(0x11, new byte[0]));
        for (int at = 0; at < stream.length; at += 7) {
            pipeline.fromBackend(Buffer.buffer(java.util.Arrays.copyOfRange(stream, at, Math.min(stream.length, at + 7))));
        }
        assertThat(toClient.getBytes()).isEqualTo(stream);
        assertThat(seen).extracting(Packet::id).containsExactly(0x7F, 0x10, 0x11);
    }

    @Test
    void followsLoginConfigurationAndPlayStates() {
        PacketPipeline pipeline = pipeline(recorder());
        pipeline.fromBackend(Buffer.buffer(frame(id(PacketKind.LOGIN_SUCCESS), new byte[20])));
        assertThat(pipeline.state()).isEqualTo(ConnectionState.LOGIN);
        pipeline.fromClient(Buffer.buffer(frame(id(PacketKind.LOGIN_ACKNOWLEDGED), new byte[0])));
        assertThat(pipeline.state()).isEqualTo(ConnectionState.CONFIGURATION);
        pipeline.fromBackend(Buffer.buffer(frame(id(PacketKind.FINISH_CONFIGURATION), new byte[0])));
        pipeline.fromClient(Buffer.buffer(frame(id(PacketKind.ACKNOWLEDGE_FINISH_CONFIGURATION), new byte[0])));
        assertThat(pipeline.state()).isEqualTo(ConnectionState.PLAY);
        pipeline.fromClient(Buffer.buffer(frame(id(PacketKind.CHAT), chat("hi"))));
        assertThat(seen.get(seen.size() - 1).name()).isEqualTo("chat");
        pipeline.fromBackend(Buffer.buffer(frame(id(PacketKind.START_CONFIGURATION), new byte[0])));
        pipeline.fromClient(Buffer.buffer(frame(id(PacketKind.ACKNOWLEDGE_CONFIGURATION), new byte[0])));
        assertThat(pipeline.state()).isEqualTo(ConnectionState.CONFIGURATION);
    }

    @Test
    void followsSetCompressionBothWays() {
        PacketPipeline pipeline = pipeline(recorder());
        Compression zlib = new Compression(64);
        byte[] big = new byte[500];
        java.util.Arrays.fill(big, (byte) 7);
        pipeline.fromBackend(Buffer.buffer(concat(
                frame(id(PacketKind.SET_COMPRESSION), new WireWriter().writeVarInt(64).toByteArray()),
                zlib.frame(body(0x42, big)))));
        pipeline.fromClient(Buffer.buffer(zlib.frame(body(0x43, new byte[] {9}))));
        assertThat(seen).extracting(Packet::id).containsExactly(id(PacketKind.SET_COMPRESSION), 0x42, 0x43);
        assertThat(seen.get(1).payloadBytes()).isEqualTo(big);
    }

    @Test
    void anEncryptionResponseOnceCompressionIsOnTurnsTheStreamRaw() {
        PacketPipeline pipeline = pipeline(recorder());
        Compression zlib = new Compression(64);
        pipeline.fromBackend(Buffer.buffer(concat(
                frame(id(PacketKind.SET_COMPRESSION), new WireWriter().writeVarInt(64).toByteArray()),
                zlib.frame(body(id(PacketKind.ENCRYPTION_REQUEST), new byte[300])))));

        pipeline.fromClient(Buffer.buffer(zlib.frame(body(id(PacketKind.ENCRYPTION_RESPONSE), new byte[260]))));
        assertThat(pipeline.encrypted()).isTrue();
        assertThat(pipeline.passingThrough()).isTrue();
        assertThat(pipeline.kick("x")).as("nothing can be written in the encrypted stream").isFalse();
    }

    @Test
    void droppedPacketIsNotForwardedButTheOthersAre() {
        PacketPipeline pipeline = pipeline((packet, context) -> {
            if (packet.id() == 0x20) {
                context.drop();
            }
        });
        byte[] keep1 = frame(0x1F, new byte[] {1});
        byte[] keep2 = frame(0x21, new byte[] {3});
        pipeline.fromClient(Buffer.buffer(concat(keep1, frame(0x20, new byte[] {2}), keep2)));
        assertThat(toBackend.getBytes()).isEqualTo(concat(keep1, keep2));
    }

    @Test
    void replacedAndInjectedPacketsGoOutInOrder() {
        PacketPipeline pipeline = pipeline((packet, context) -> {
            if (packet.id() == 0x20) {
                context.replace(ByteBuffer.wrap(new byte[] {9, 9}));
                context.inject(Direction.SERVERBOUND, 0x30, ByteBuffer.wrap(new byte[] {8}));
                context.inject(Direction.CLIENTBOUND, 0x31, ByteBuffer.wrap(new byte[] {7}));
            }
        });
        pipeline.fromClient(Buffer.buffer(concat(frame(0x1F, new byte[] {1}), frame(0x20, new byte[] {2}))));
        assertThat(toBackend.getBytes()).isEqualTo(concat(
                frame(0x1F, new byte[] {1}), frame(0x20, new byte[] {9, 9}), frame(0x30, new byte[] {8})));
        assertThat(toClient.getBytes()).isEqualTo(frame(0x31, new byte[] {7}));
    }

    @Test
    void laterHandlersSeeTheReplacementAndNothingAfterADrop() {
        List<Integer> secondSaw = new ArrayList<>();
        PacketPipeline pipeline = pipeline(
                (packet, context) -> {
                    if (packet.id() == 0x51) {
                        context.replace(ByteBuffer.wrap(new byte[] {42}));
                    } else {
                        context.drop();
                    }
                },
                (packet, context) -> secondSaw.add((int) packet.payload().get(0)));
        pipeline.fromClient(Buffer.buffer(concat(frame(0x51, new byte[] {0}), frame(0x52, new byte[] {0}))));
        assertThat(secondSaw).containsExactly(42);
    }

    @Test
    void throwingHandlerIsRemovedAndTheRelayGoesOn() {
        int[] calls = {0};
        PacketPipeline pipeline = pipeline((packet, context) -> {
            calls[0]++;
            throw new IllegalStateException("boom");
        }, recorder());
        byte[] stream = concat(frame(0x51, new byte[] {1}), frame(0x52, new byte[] {2}));
        pipeline.fromClient(Buffer.buffer(stream));
        assertThat(calls[0]).isEqualTo(1);
        assertThat(seen).hasSize(2);
        assertThat(toBackend.getBytes()).isEqualTo(stream);
    }

    @Test
    void encryptionResponseTurnsTheRelayRawAndTellsHandlersOnce() {
        int[] told = {0};
        PacketPipeline pipeline = pipeline(new PacketHandler() {
            @Override
            public void onPacket(Packet packet, PacketContext context) {}

            @Override
            public void onEncrypted(PacketContext context) {
                told[0]++;
            }
        });
        byte[] request = frame(id(PacketKind.ENCRYPTION_REQUEST), new byte[] {1, 2});
        byte[] response = frame(id(PacketKind.ENCRYPTION_RESPONSE), new byte[] {0, 0});
        byte[] cipherText = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x13};
        pipeline.fromBackend(Buffer.buffer(request));
        pipeline.fromClient(Buffer.buffer(concat(response, cipherText)));
        pipeline.fromClient(Buffer.buffer(cipherText));
        pipeline.fromBackend(Buffer.buffer(cipherText));
        assertThat(pipeline.encrypted()).isTrue();
        assertThat(told[0]).isEqualTo(1);
        assertThat(toBackend.getBytes()).isEqualTo(concat(response, cipherText, cipherText));
        assertThat(toClient.getBytes()).isEqualTo(concat(request, cipherText));
        assertThat(pipeline.kick("x")).isFalse();
        assertThat(pipeline.sendChat("x")).isFalse();
    }

    @Test
    void handlerCloseSendsTheReasonAndClosesTheConnection() {
        PacketPipeline pipeline = pipeline((packet, context) -> context.close("Bye"));
        pipeline.fromClient(Buffer.buffer(concat(frame(0x51, new byte[0]), frame(0x52, new byte[0]))));
        assertThat(closes).containsExactly("Bye");
        assertThat(toClient.getBytes()).isEqualTo(Frames.frame(
                dev.gamma.protocol.InBandPackets.disconnect(dev.gamma.protocol.PacketState.LOGIN, PROTOCOL, "Bye")));
        assertThat(toBackend.getBytes()).as("nothing after the close is forwarded").isEqualTo(frame(0x51, new byte[0]));
    }

    @Test
    void chatIsRefusedOutsidePlay() {
        assertThat(pipeline().sendChat("too early")).isFalse();
        assertThat(toClient.length()).isZero();
    }

    @Test
    void packetsOutsideTheTableHaveNoName() {
        pipeline(recorder()).fromClient(Buffer.buffer(frame(0x51, new byte[0])));
        assertThat(seen.get(0).knownName()).isEmpty();
        assertThat(seen.get(0).state()).isEqualTo(ConnectionState.LOGIN);
    }

    private PacketPipeline watcher(int protocol) {
        return PacketPipeline.loginWatcher(new ConnectionInfo(protocol, "Steve", null, "127.0.0.1", "r"),
                sink, UnfinishedFrames.unlimited());
    }

    @Test
    void loginWatcherPassesEverythingThroughAndLearnsThereIsNoEncryption() {
        PacketPipeline watcher = watcher(340); // 1.12.2: Login Success ends the login
        int success = PacketTable.forVersion(340).id(PacketKind.LOGIN_SUCCESS).orElseThrow();
        byte[] notFramesAnyMore = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 1, 2};
        byte[] stream = concat(frame(success, new byte[10]), notFramesAnyMore);
        watcher.fromBackend(Buffer.buffer(stream));
        watcher.fromBackend(Buffer.buffer(notFramesAnyMore));
        assertThat(toClient.getBytes()).isEqualTo(concat(stream, notFramesAnyMore));
        assertThat(watcher.encrypted()).isFalse();
        assertThat(watcher.sendChat("unreadable now")).isFalse();
        assertThat(watcher.kick("unreadable now")).isFalse();
    }

    @Test
    void loginWatcherLearnsTheBackendTurnedOnEncryption() {
        PacketPipeline watcher = watcher(PROTOCOL);
        byte[] response = frame(id(PacketKind.ENCRYPTION_RESPONSE), new byte[] {0, 0});
        byte[] cipherText = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x13};
        watcher.fromBackend(Buffer.buffer(frame(id(PacketKind.ENCRYPTION_REQUEST), new byte[] {1, 2})));
        watcher.fromClient(Buffer.buffer(concat(response, cipherText)));
        assertThat(watcher.encrypted()).isTrue();
        assertThat(toBackend.getBytes()).isEqualTo(concat(response, cipherText));
    }

    @Test
    void stateChangesTheBackendDidNotAskForAreForwardedAndChangeNothing() {
        List<Packet> seen = new ArrayList<>();
        PacketPipeline pipeline = pipeline((packet, context) -> seen.add(packet));
        byte[] unaskedLogin = concat(frame(id(PacketKind.ENCRYPTION_RESPONSE), new byte[] {0, 0}),
                frame(id(PacketKind.LOGIN_ACKNOWLEDGED), new byte[0]));
        pipeline.fromClient(Buffer.buffer(unaskedLogin));
        assertThat(pipeline.encrypted()).isFalse();
        assertThat(pipeline.passingThrough()).as("the handlers still see every packet").isFalse();
        assertThat(pipeline.state()).isEqualTo(ConnectionState.LOGIN);

        pipeline.fromBackend(Buffer.buffer(frame(id(PacketKind.LOGIN_SUCCESS), new byte[20])));
        pipeline.fromClient(Buffer.buffer(frame(id(PacketKind.LOGIN_ACKNOWLEDGED), new byte[0])));
        assertThat(pipeline.state()).isEqualTo(ConnectionState.CONFIGURATION);
        byte[] unaskedFinish = frame(id(PacketKind.ACKNOWLEDGE_FINISH_CONFIGURATION), new byte[0]);
        pipeline.fromClient(Buffer.buffer(unaskedFinish));
        assertThat(pipeline.state()).isEqualTo(ConnectionState.CONFIGURATION);
        pipeline.fromBackend(Buffer.buffer(frame(id(PacketKind.FINISH_CONFIGURATION), new byte[0])));
        pipeline.fromClient(Buffer.buffer(unaskedFinish));
        assertThat(pipeline.state()).isEqualTo(ConnectionState.PLAY);
        byte[] unaskedConfiguration = frame(id(PacketKind.ACKNOWLEDGE_CONFIGURATION), new byte[0]);
        pipeline.fromClient(Buffer.buffer(unaskedConfiguration));
        assertThat(pipeline.state()).isEqualTo(ConnectionState.PLAY);
        pipeline.fromBackend(Buffer.buffer(frame(id(PacketKind.START_CONFIGURATION), new byte[0])));
        pipeline.fromClient(Buffer.buffer(unaskedConfiguration));
        assertThat(pipeline.state()).isEqualTo(ConnectionState.CONFIGURATION);

        assertThat(toBackend.getBytes()).as("every packet forwarded as it came").isEqualTo(concat(unaskedLogin,
                frame(id(PacketKind.LOGIN_ACKNOWLEDGED), new byte[0]), unaskedFinish, unaskedFinish,
                unaskedConfiguration, unaskedConfiguration));
        assertThat(seen).hasSize(10);
    }

    @Test
    void aQuestionAHandlerAsksInTheBackendsPlaceCountsLikeTheBackends() {
        assertThat(configuredWith(PacketKind.FINISH_CONFIGURATION, Direction.CLIENTBOUND, context -> {
            context.drop();
            context.inject(Direction.CLIENTBOUND, 0x7F, ByteBuffer.wrap(new byte[] {1}));
        }, true)).isEqualTo(ConnectionState.PLAY);
    }

    @Test
    void aQuestionInjectedAsTheClientSwitchesCountsInTheStateTheClientReadsItIn() {
        assertThat(configuredWith(PacketKind.LOGIN_ACKNOWLEDGED, Direction.SERVERBOUND, context -> { }, false))
                .isEqualTo(ConnectionState.PLAY);
    }

    @Test
    void aQuestionInjectedAfterTheBackendsSwitchCountsInTheStateTheSwitchLeavesTheClientIn() {
        assertThat(configuredWith(PacketKind.LOGIN_SUCCESS, Direction.CLIENTBOUND, context -> { }, false))
                .isEqualTo(ConnectionState.PLAY);
    }

    /**
     * A login through to play where a handler, at the packet of {@code kind} going {@code direction}, does
     * {@code first} and then injects a Finish Configuration towards the client; {@code backendFinishes}: the backend
     * sends one of its own too. Answers the state the pipeline ends in once the client acknowledged.
     */
    private ConnectionState configuredWith(PacketKind kind, Direction direction, Consumer<PacketContext> first,
            boolean backendFinishes) {
        PacketPipeline pipeline = pipeline((packet, context) -> {
            if (packet.direction() == direction && packet.id() == id(kind) && packet.state() == stateOf(kind)) {
                first.accept(context);
                context.inject(Direction.CLIENTBOUND, id(PacketKind.FINISH_CONFIGURATION), ByteBuffer.allocate(0));
            }
        });
        pipeline.fromBackend(Buffer.buffer(frame(id(PacketKind.LOGIN_SUCCESS), new byte[20])));
        pipeline.fromClient(Buffer.buffer(frame(id(PacketKind.LOGIN_ACKNOWLEDGED), new byte[0])));
        if (backendFinishes) {
            pipeline.fromBackend(Buffer.buffer(frame(id(PacketKind.FINISH_CONFIGURATION), new byte[0])));
        }
        pipeline.fromClient(Buffer.buffer(frame(id(PacketKind.ACKNOWLEDGE_FINISH_CONFIGURATION), new byte[0])));
        return pipeline.state();
    }

    private static ConnectionState stateOf(PacketKind kind) {
        return switch (kind.state()) {
            case LOGIN -> ConnectionState.LOGIN;
            case CONFIGURATION -> ConnectionState.CONFIGURATION;
            default -> ConnectionState.PLAY;
        };
    }

    @Test
    void loginWatcherNeverRefusesWhatItCannotRead() {
        PacketPipeline watcher = watcher(PROTOCOL);
        byte[] garbage = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 9};
        watcher.fromBackend(Buffer.buffer(garbage));
        watcher.fromBackend(Buffer.buffer(new byte[] {1, 2, 3}));
        assertThat(toClient.getBytes()).isEqualTo(concat(garbage, new byte[] {1, 2, 3}));
        assertThat(closes).isEmpty();
        assertThat(watcher.encrypted()).isFalse();
    }

    @Test
    void loginWatcherCanStillKickWithAReasonDuringLogin() {
        PacketPipeline watcher = watcher(PROTOCOL);
        assertThat(watcher.kick("Not now")).isTrue();
        assertThat(toClient.getBytes()).isEqualTo(Frames.frame(
                dev.gamma.protocol.InBandPackets.disconnect(dev.gamma.protocol.PacketState.LOGIN, PROTOCOL, "Not now")));
    }

    private int id(PacketKind kind) {
        return table.id(kind).orElseThrow();
    }

    private static byte[] chat(String text) {
        return new WireWriter().writeString(text).writeLong(0).writeLong(0).writeBoolean(false).toByteArray();
    }
}
