package dev.gamma.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gamma.protocol.Frames;
import dev.gamma.protocol.Handshake;
import dev.gamma.protocol.LoginStart;
import dev.gamma.protocol.PacketKind;
import dev.gamma.protocol.PacketTable;
import dev.gamma.protocol.WireWriter;
import java.io.DataInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A raw route forwards every byte the moment it is read: after Login Success, bytes that are not Minecraft frames
 * (a modded or future client, a tunnel) go through both ways, as on a route Gamma does not watch at all.
 */
class RawRouteTapTest {
    private static final int WAIT_MILLIS = 3_000;

    @ParameterizedTest(name = "protocol {0}")
    @ValueSource(ints = {340, 764, 767, -1}) // 1.12.2 (no acknowledgement), 1.20.2, 1.21, the newest known
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void bytesThatAreNotFramesAfterLoginSuccessAreRelayedAtOnceBothWays(int given) throws Exception {
        int protocol = given < 0 ? PacketTable.newest() : given;
        byte[] ys = repeated('y', 64);
        byte[] xs = repeated('x', 64);
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                GammaFixture gamma = GammaFixture.start("routes:\n  - {host: tap.test, backend: 127.0.0.1:"
                        + listener.getLocalPort() + "}\n")) {
            CompletableFuture<byte[]> backendRead = CompletableFuture.supplyAsync(() -> {
                try (Socket backend = listener.accept()) {
                    backend.setSoTimeout(WAIT_MILLIS * 2);
                    DataInputStream in = new DataInputStream(backend.getInputStream());
                    RawClient.readFrame(in);
                    RawClient.readFrame(in);
                    OutputStream out = backend.getOutputStream();
                    out.write(RawClient.concat(loginSuccess(protocol), ys)); // then not a frame: a tunnel's bytes
                    out.flush();
                    return in.readNBytes(xs.length);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });

            try (Socket client = new Socket(InetAddress.getLoopbackAddress(), gamma.port())) {
                client.setSoTimeout(WAIT_MILLIS);
                OutputStream out = client.getOutputStream();
                out.write(new Handshake(protocol, "tap.test", 25565, Handshake.LOGIN).encode());
                out.write(new LoginStart("Tapper", protocol >= 764 ? UUID.nameUUIDFromBytes(new byte[1]) : null)
                        .encode(protocol));
                out.flush();
                InputStream in = client.getInputStream();
                RawClient.readFrame(in);
                assertThat(in.readNBytes(ys.length)).as("the backend's bytes after Login Success").isEqualTo(ys);

                out.write(xs);
                out.flush();
                assertThat(backendRead.get(WAIT_MILLIS * 2L, TimeUnit.MILLISECONDS))
                        .as("the client's bytes after Login Success").isEqualTo(xs);
            }
        }
    }

    private static byte[] loginSuccess(int protocol) {
        int id = PacketTable.forVersion(protocol).id(PacketKind.LOGIN_SUCCESS).orElseThrow();
        return Frames.frame(new WireWriter().writeVarInt(id).writeBytes(new byte[16]).writeString("Tapper")
                .writeVarInt(0).toByteArray());
    }

    private static byte[] repeated(char c, int count) {
        byte[] bytes = new byte[count];
        Arrays.fill(bytes, (byte) c);
        return bytes;
    }
}
