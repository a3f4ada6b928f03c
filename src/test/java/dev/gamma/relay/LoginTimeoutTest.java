package dev.gamma.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gamma.pipeline.ConnectionInfo;
import dev.gamma.pipeline.PacketPipeline;
import dev.gamma.pipeline.PacketSink;
import dev.gamma.pipeline.UnfinishedFrames;
import dev.gamma.protocol.PacketKind;
import dev.gamma.protocol.PacketTable;
import dev.gamma.protocol.WireWriter;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LoginTimeoutTest {
    private static final UUID STEVE = UUID.fromString("8667ba71-b85a-4004-af54-457a9734eed7");
    private static final int V1_20_1 = 763;
    private static final int V1_21_4 = 769;

    @Test
    void withoutAPipelineAnyAnswerFromTheBackendCounts() {
        SessionTraffic traffic = new SessionTraffic();
        assertThat(LoginTimeout.finished(null, traffic)).isFalse();
        traffic.addFromClient(300);
        assertThat(LoginTimeout.finished(null, traffic)).as("the client's bytes are no answer").isFalse();
        traffic.addFromBackend(1);
        assertThat(LoginTimeout.finished(null, traffic)).isTrue();
    }

    @ParameterizedTest(name = "protocol {0}, watched only {1}, login success {2}, acknowledged {3}: {4}")
    @CsvSource({
        // before 1.20.2 Login Success ends the login; from then on the client's acknowledgement does
        "763, true,  false, false, false",
        "763, true,  true,  false, true",
        "763, false, true,  false, true",
        "769, true,  true,  false, false",
        "769, true,  true,  true,  true",
        "769, false, true,  false, false",
        "769, false, true,  true,  true",
    })
    void aLoginIsFinishedOnceItLeavesTheLoginState(
            int protocol, boolean watchedOnly, boolean success, boolean acknowledged, boolean finished) {
        SessionTraffic traffic = new SessionTraffic();
        PacketPipeline pipeline = pipeline(protocol, watchedOnly);
        if (success) {
            byte[] frame = frame(protocol, PacketKind.LOGIN_SUCCESS,
                    new WireWriter().writeUuid(STEVE).writeString("Steve").writeVarInt(0));
            pipeline.fromBackend(Buffer.buffer(frame));
            traffic.addFromBackend(frame.length);
        }
        if (acknowledged) {
            pipeline.fromClient(Buffer.buffer(frame(protocol, PacketKind.LOGIN_ACKNOWLEDGED, new WireWriter())));
        }
        assertThat(LoginTimeout.finished(pipeline, traffic)).isEqualTo(finished);
    }

    @Test
    void backendBytesThatDoNotEndTheLoginDoNotCountWhereThePipelineReadsThem() {
        SessionTraffic traffic = new SessionTraffic();
        traffic.addFromBackend(5_000);
        assertThat(LoginTimeout.finished(pipeline(V1_21_4, true), traffic)).isFalse();
        assertThat(LoginTimeout.finished(pipeline(V1_20_1, false), traffic)).isFalse();
    }

    private static PacketPipeline pipeline(int protocol, boolean watchedOnly) {
        ConnectionInfo connection = new ConnectionInfo(protocol, "Steve", STEVE, "203.0.113.9", "play.test");
        PacketSink sink = new PacketSink() {
            @Override
            public void toClient(Buffer bytes) {}

            @Override
            public void toBackend(Buffer bytes) {}

            @Override
            public void close(String reason) {}
        };
        return watchedOnly ? PacketPipeline.loginWatcher(connection, sink, UnfinishedFrames.unlimited())
                : new PacketPipeline(connection, List.of(), sink, UnfinishedFrames.unlimited());
    }

    private static byte[] frame(int protocol, PacketKind kind, WireWriter payload) {
        int id = PacketTable.forVersion(protocol).id(kind).orElseThrow();
        return new WireWriter().writeVarInt(id).writeBytes(payload.toByteArray()).toFrame();
    }
}
