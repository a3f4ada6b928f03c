package dev.gamma.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gamma.protocol.Handshake;
import dev.gamma.protocol.StatusPackets;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Limits and refusals at the greeting, checked byte by byte against a running node (no backend needed). */
class GreetingLimitsTest {
    private static GammaFixture gamma;

    @BeforeAll
    static void start() {
        gamma = GammaFixture.start("""
                timeouts: {handshake: 400ms, connect: 1s}
                limits: {per-ip-rate: 0.001, per-ip-burst: 1000, max-handshake-bytes: 512}
                unknown-host: {motd: "Nothing here", disconnect: "No server called {host}"}
                """);
    }

    @AfterAll
    static void stop() {
        gamma.close();
    }

    @Test
    void silentConnectionIsClosedAtTheHandshakeDeadline() throws Exception {
        try (RawClient client = RawClient.connect(gamma.port())) {
            assertThat(client.closedWithin(3_000)).isTrue();
        }
    }

    @Test
    void partialHandshakeIsClosedAtTheDeadline() throws Exception {
        try (RawClient client = RawClient.connect(gamma.port())) {
            client.send(new byte[] {0x10, 0x00, (byte) 0xFF});
            assertThat(client.closedWithin(3_000)).isTrue();
        }
    }

    @Test
    void greetingOverTheByteCapIsClosed() throws Exception {
        try (RawClient client = RawClient.connect(gamma.port())) {
            byte[] announcesLongFrame = {(byte) 0xE8, 0x07}; // length 1000, over the 512-byte cap
            client.send(RawClient.concat(announcesLongFrame, new byte[600]));
            assertThat(client.closedWithin(1_000)).isTrue();
        }
    }

    @Test
    void httpRequestOnThePlayerPortIsClosed() throws Exception {
        try (RawClient client = RawClient.connect(gamma.port())) {
            client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(client.closedWithin(1_000)).isTrue();
        }
    }

    @Test
    void unknownHostLoginGetsTheConfiguredReasonWithTheHost() throws Exception {
        try (RawClient client = RawClient.connect(gamma.port())) {
            client.sendLogin("Nowhere.Example.", 769, "Steve");
            assertThat(client.readLoginDisconnect()).contains("No server called nowhere.example");
            assertThat(client.closedWithin(1_000)).isTrue();
        }
    }

    @Test
    void unknownHostStatusShowsTheConfiguredMotdAndAnswersThePing() throws Exception {
        try (RawClient client = RawClient.connect(gamma.port())) {
            client.send(RawClient.concat(
                    new Handshake(769, "nowhere.example", 25565, Handshake.STATUS).encode(),
                    StatusPackets.requestFrame(), StatusPackets.pingFrame(42L)));
            assertThat(StatusPackets.readResponse(client.readFrame())).contains("Nothing here");
            assertThat(StatusPackets.readPing(client.readFrame())).isEqualTo(42L);
        }
    }

    @Test
    void pingWithoutRequestGetsOnlyThePong() throws Exception {
        try (RawClient client = RawClient.connect(gamma.port())) {
            client.send(RawClient.concat(
                    new Handshake(769, "nowhere.example", 25565, Handshake.STATUS).encode(),
                    StatusPackets.pingFrame(7L)));
            assertThat(StatusPackets.readPing(client.readFrame())).isEqualTo(7L);
            assertThat(client.closedWithin(1_000)).isTrue();
        }
    }

    @Test
    void modernHandshakeOf254BytesIsNotMistakenForALegacyPing() throws Exception {
        String host = "a".repeat(254 - 1 - 2 - 2 - 2 - 1); // id, protocol (2 bytes), length (2), port, intent
        byte[] frame = new Handshake(769, host, 25565, Handshake.STATUS).encode();
        assertThat(frame[0] & 0xFF).isEqualTo(0xFE);
        assertThat(frame[1]).isEqualTo((byte) 0x01);
        try (RawClient client = RawClient.connect(gamma.port())) {
            client.send(RawClient.concat(frame, StatusPackets.requestFrame()));
            assertThat(StatusPackets.readResponse(client.readFrame())).contains("Nothing here");
        }
    }

    @Test
    void legacyPingFormsGetAnFfReply() throws Exception {
        assertThat(legacyReply(new byte[] {(byte) 0xFE})).contains("Nothing here§0§0");
        assertThat(legacyReply(new byte[] {(byte) 0xFE, 0x01})).startsWith("§1\0").contains("Nothing here");
        assertThat(legacyReply(LegacyPings.v16("nowhere.example", 25565))).startsWith("§1\0").contains("Nothing here");
    }

    private static String legacyReply(byte[] request) throws Exception {
        try (RawClient client = RawClient.connect(gamma.port())) {
            client.send(request);
            byte[] reply = client.readToEnd();
            assertThat(reply[0] & 0xFF).isEqualTo(0xFF);
            int units = ByteBuffer.wrap(reply, 1, 2).getShort();
            assertThat(reply).hasSize(3 + units * 2);
            return new String(reply, 3, units * 2, StandardCharsets.UTF_16BE);
        }
    }

    @Test
    void loginRefusedWithReasonOnceTheAddressIsOverItsRate() throws Exception {
        try (GammaFixture limited = GammaFixture.start("limits: {per-ip-rate: 0.001, per-ip-burst: 2}\n")) {
            for (int i = 0; i < 2; i++) {
                try (RawClient client = RawClient.connect(limited.port())) {
                    client.sendLogin("x.example", 769, "Steve");
                    assertThat(client.readLoginDisconnect()).contains("There is no server at x.example");
                }
            }
            try (RawClient client = RawClient.connect(limited.port())) {
                client.sendLogin("x.example", 769, "Steve");
                assertThat(client.readLoginDisconnect()).contains("connecting too fast");
            }
            try (RawClient client = RawClient.connect(limited.port())) {
                client.send(RawClient.concat(new Handshake(769, "x.example", 25565, Handshake.STATUS).encode(),
                        StatusPackets.requestFrame()));
                assertThat(StatusPackets.readResponse(client.readFrame())).contains("Too many connections");
            }
        }
    }
}
