package dev.gamma.it;

import static dev.gamma.it.MalformedShape.drips;
import static dev.gamma.it.MalformedShape.legacyReply;
import static dev.gamma.it.MalformedShape.loginDisconnect;
import static dev.gamma.it.MalformedShape.onlyFrame;
import static dev.gamma.it.MalformedShape.pong;
import static dev.gamma.it.MalformedShape.sends;
import static dev.gamma.it.MalformedShape.sendsThenHangsUp;
import static dev.gamma.it.MalformedShape.shape;
import static dev.gamma.it.MalformedShape.status;
import static dev.gamma.it.RawClient.concat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gamma.it.MalformedShape.Listener;
import dev.gamma.protocol.Handshake;
import dev.gamma.protocol.LoginStart;
import dev.gamma.protocol.ProxyHeader;
import dev.gamma.protocol.StatusPackets;
import dev.gamma.protocol.WireReader;
import dev.gamma.protocol.WireWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.Deflater;

/** The bad inputs {@link MalformedInputTest} throws at a node, each with the answer and log line it must get. */
final class MalformedShapes {
    static final int HANDSHAKE_MILLIS = 2_000;
    static final String MOTD = "Nothing here";
    static final String NO_SERVER = "There is no server at ";
    /** The player address the valid PROXY headers of these shapes claim. */
    static final String CLAIMED = "203.0.113.9";
    private static final int THRESHOLD = 256;

    private static final String BAD = "bad-handshake";
    private static final String TIMEOUT = "handshake-timeout";
    private static final String EARLY = "closed-early";
    private static final String STATUS = "status";
    private static final String LEGACY = "legacy-status";
    private static final String UNKNOWN = "unknown-host";
    private static final String ROUTED = "routed";
    private static final String BAD_PROXY = "bad-proxy-header";
    private static final String UNTRUSTED = "untrusted-proxy";
    private static final String NO_GREETING = "no complete greeting within " + HANDSHAKE_MILLIS + " ms";
    private static final int PROTOCOL = 769;
    /** The player whose backend sends Set Compression and then waits for what the client does. */
    private static final String QUIET = "Quiet";
    private static final List<BackendLie> BACKEND_LIES = List.of(
            new BackendLie("Over8MiB", compressedFrame(9_000_000, deflate(new byte[100])),
                    "compressed packet declares 9000000 bytes, over 8388608"),
            new BackendLie("UnderThreshold", compressedFrame(10, deflate(new byte[10])),
                    "compressed packet of 10 bytes is under the threshold 256"),
            new BackendLie("InflatesShort", compressedFrame(1_000, deflate(new byte[300])),
                    "compressed packet inflates to 300 bytes, declared 1000"),
            new BackendLie("InflatesLong", compressedFrame(300, deflate(new byte[1_000])),
                    "compressed packet inflates to more than declared 300"),
            new BackendLie("NotZlib", compressedFrame(300, filled(40, 0xAB)), "bad zlib data"),
            new BackendLie("RatioLie", compressedFrame(4 * 1024 * 1024, filled(20, 0x78)),
                    "compressed packet of 20 bytes cannot inflate to 4194304"));

    private MalformedShapes() {}

    static Stream<MalformedShape> all() {
        return Stream.of(greetings(), BACKEND_LIES.stream().map(MalformedShapes::backendLie), clientLies())
                .flatMap(shapes -> shapes);
    }

    private static Stream<MalformedShape> greetings() {
        return Stream.of(
                shape("connect and hang up at once", client -> client.halfClose()).logs(EARLY, ""),
                shape("connect and say nothing", client -> { }).logs(TIMEOUT, NO_GREETING),
                shape("6-byte VarInt as the frame length", sends(bytes(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F)))
                        .logs(BAD, "frame length VarInt longer than 3 bytes"),
                shape("4-byte frame length (over 2 MiB)", sends(bytes(0x80, 0x80, 0x80, 0x01)))
                        .logs(BAD, "frame length VarInt longer than 3 bytes"),
                shape("6-byte VarInt as the protocol version", sends(frame(new WireWriter().writeVarInt(0)
                        .writeBytes(bytes(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01)).writeString("x.test"))))
                        .logs(BAD, "VarInt longer than 5 bytes"),
                shape("negative hostname length", sends(frame(new WireWriter().writeVarInt(0).writeVarInt(PROTOCOL)
                        .writeVarInt(-1).writeShort(25565).writeVarInt(2))))
                        .logs(BAD, "string has negative length -1"),
                shape("frame length of 2 MiB", sends(bytes(0xFF, 0xFF, 0x7F), new byte[64]))
                        .logs(BAD, "frame of 2097151 bytes exceeds cap 4096"),
                shape("hostname length of a million bytes", sends(frame(new WireWriter().writeVarInt(0)
                        .writeVarInt(PROTOCOL).writeVarInt(1_000_000).writeBytes(new byte[32]))))
                        .logs(BAD, "string of 1000000 bytes exceeds cap 4096"),
                shape("zero-length frame", sends(bytes(0x00))).logs(BAD, "empty frame"),
                shape("frame cut short, then silence", sends(Arrays.copyOf(login("nowhere.test"), 8)))
                        .logs(TIMEOUT, NO_GREETING),
                shape("frame cut short, then hang up", sendsThenHangsUp(Arrays.copyOf(login("nowhere.test"), 8)))
                        .logs(EARLY, ""),
                shape("handshake without port and intent", sends(frame(new WireWriter().writeVarInt(0)
                        .writeVarInt(PROTOCOL).writeString("x.test"))))
                        .logs(BAD, "short truncated"),
                shape("hostname of 5,000 bytes (over the greeting cap)", sends(
                        new Handshake(PROTOCOL, "a".repeat(5_000), 25565, Handshake.LOGIN).encode()))
                        .logs(BAD, "exceeds cap 4096"),
                shape("hostname of 300 characters (under the cap)", sends(login("h".repeat(300))))
                        .answers(loginDisconnect(NO_SERVER + "hhhhhhhh")).logs(UNKNOWN, ""),
                shape("hostname that is not UTF-8", sends(frame(new WireWriter().writeVarInt(0).writeVarInt(PROTOCOL)
                        .writeVarInt(4).writeBytes(bytes(0xC3, 0x28, 0xA0, 0xA1)).writeShort(25565).writeVarInt(2))))
                        .logs(BAD, "not valid UTF-8"),
                shape("a ping before the handshake (wrong packet id)", sends(StatusPackets.pingFrame(1)))
                        .logs(BAD, "packet id 0x1"),
                shape("status request before the handshake", sends(StatusPackets.requestFrame()))
                        .logs(BAD, "truncated"),
                shape("intent 7", sends(frame(new WireWriter().writeVarInt(0).writeVarInt(PROTOCOL)
                        .writeString("x.test").writeShort(25565).writeVarInt(7))))
                        .logs(BAD, "handshake intent 7 is not 1, 2 or 3"),
                shape("bytes after the handshake fields", sends(frame(new WireWriter().writeVarInt(0)
                        .writeVarInt(PROTOCOL).writeString("x.test").writeShort(25565).writeVarInt(1).writeShort(0))))
                        .logs(BAD, "2 trailing bytes after the handshake"),
                shape("ping without a status request", sends(statusHandshake(PROTOCOL), StatusPackets.pingFrame(7)))
                        .answers(pong(7)).logs(STATUS, ""),
                shape("status request and no ping", sends(statusHandshake(PROTOCOL), StatusPackets.requestFrame()))
                        .answers(status(MOTD, null)).logs(STATUS, "no ping"),
                shape("a second status request", MalformedShapes::twoStatusRequests)
                        .logs(BAD, "second status request"),
                shape("a login packet in the status state", sends(statusHandshake(PROTOCOL),
                        new LoginStart("Steve", null).encode(47)))
                        .logs(BAD, "ping packet id 0x0"),
                shape("status for protocol 2^31-1", sends(statusHandshake(Integer.MAX_VALUE),
                        StatusPackets.requestFrame(), StatusPackets.pingFrame(9)))
                        .answers(status(MOTD, 9L)).logs(STATUS, ""),
                shape("legacy ping before 1.4 (FE)", sends(bytes(0xFE)))
                        .answers(legacyReply(MOTD)).logs(LEGACY, "PRE_1_4"),
                shape("legacy ping 1.4 (FE 01)", sends(bytes(0xFE, 0x01)))
                        .answers(legacyReply(MOTD)).logs(LEGACY, "V1_4"),
                shape("legacy ping 1.6 (FE 01 FA MC|PingHost)", sends(LegacyPings.v16("nowhere.test", 25565)))
                        .answers(legacyReply(MOTD)).logs(LEGACY, "V1_6"),
                shape("FE 01 and an unknown third byte", sends(bytes(0xFE, 0x01, 0x05)))
                        .answers(legacyReply(MOTD)).logs(LEGACY, "V1_4"),
                shape("1.6 ping cut short, then silence", sends(Arrays.copyOf(LegacyPings.v16("nowhere.test", 25565), 20)))
                        .logs(TIMEOUT, NO_GREETING),
                shape("1.6 ping cut short, then hang up",
                        sendsThenHangsUp(Arrays.copyOf(LegacyPings.v16("nowhere.test", 25565), 20)))
                        .logs(EARLY, ""),
                shape("1.6 ping on another channel", sends(legacy16Channel("MC|PingHosX")))
                        .logs(BAD, "legacy ping channel is not MC|PingHost"),
                shape("1.6 ping with a host of 32,767 characters", sends(legacy16HostLength(0x7FFF)))
                        .logs(BAD, "exceeds cap 512"),
                shape("one byte a second (slowloris)", drips(login("nowhere.test"), 1_000))
                        .logs(TIMEOUT, NO_GREETING),
                shape("HTTP request", sends(ascii("GET / HTTP/1.1\r\nHost: mc.example\r\n\r\n")))
                        .logs(BAD, "HTTP"),
                shape("TLS ClientHello", sends(tlsClientHello())).logs(BAD, "TLS"),
                shape("SSH banner", sends(ascii("SSH-2.0-OpenSSH_9.2p1\r\n"))).logs(BAD, "SSH"),
                shape("PROXY v1 header on a listener without proxy-protocol", sends(proxyV1(), login("nowhere.test")))
                        .logs(BAD, "PROXY"),
                shape("PROXY v2 header on a listener without proxy-protocol", sends(proxyV2(), login("nowhere.test")))
                        .logs(BAD, "PROXY"),
                shape("greeting over the byte cap", sends(new Handshake(PROTOCOL, "nowhere.test", 25565,
                        Handshake.LOGIN).encode(), frame(new WireWriter().writeVarInt(0).writeBytes(new byte[5_000]))))
                        .logs(BAD, "4096"),
                shape("Login Start that cannot be read", sends(new Handshake(PROTOCOL, "nowhere.test", 25565,
                        Handshake.LOGIN).encode(), frame(new WireWriter().writeVarInt(0).writeVarInt(-1))))
                        .answers(loginDisconnect(NO_SERVER + "nowhere.test")).logs(UNKNOWN, ""),
                shape("negative protocol version", sends(new Handshake(-1, "nowhere.test", 25565, Handshake.LOGIN)
                        .encode(), new LoginStart("Steve", null).encode(47)))
                        .answers(loginDisconnect(NO_SERVER + "nowhere.test")).logs(UNKNOWN, ""),
                shape("Login Start cut short, then silence", sends(Arrays.copyOf(login("nowhere.test"), 25)))
                        .logs(TIMEOUT, NO_GREETING),

                // an untrusted peer is closed at accept, before a byte of it is read, whatever it sends
                shape("untrusted peer sends a PROXY v1 header", sends(proxyV1(), login("nowhere.test")))
                        .on(Listener.PROXY_UNTRUSTED).logs(UNTRUSTED, "{peer}, which is not in proxy-protocol.trusted"),
                shape("untrusted peer sends a PROXY v2 header", sends(proxyV2(), login("nowhere.test")))
                        .on(Listener.PROXY_UNTRUSTED).logs(UNTRUSTED, "{peer}, which is not in proxy-protocol.trusted"),
                shape("untrusted peer sends no PROXY header", sends(login("nowhere.test")))
                        .on(Listener.PROXY_UNTRUSTED).logs(UNTRUSTED, "{peer}, which is not in proxy-protocol.trusted"),
                shape("trusted peer sends no PROXY header", sends(login("nowhere.test")))
                        .on(Listener.PROXY_TRUSTED).logs(BAD_PROXY, ""),
                shape("trusted peer sends a garbage PROXY v1 header",
                        sends(ascii("PROXY TCP4 not-an-address 1.2.3.4 x y\r\n"), login("nowhere.test")))
                        .on(Listener.PROXY_TRUSTED).logs(BAD_PROXY, "invalid HAProxy message"),
                shape("trusted peer sends a PROXY v1 line of 200 bytes", sends(ascii("PROXY TCP4 " + "1".repeat(200))))
                        .on(Listener.PROXY_TRUSTED).logs(BAD_PROXY, "exceeds the allowed maximum"),
                shape("trusted peer sends half a PROXY v2 header", sends(Arrays.copyOf(proxyV2(), 14)))
                        .on(Listener.PROXY_TRUSTED).logs(BAD_PROXY, ""),
                shape("trusted peer sends a v2 signature, version byte 0xFF, then 5 KB",
                        sends(Arrays.copyOf(proxyV2(), 12), new byte[] {(byte) 0xFF}, new byte[5_000]))
                        .on(Listener.PROXY_TRUSTED).logs(BAD_PROXY, "no PROXY header in the first 4096 bytes"),
                shape("trusted peer, valid header, then an HTTP request",
                        sends(proxyV1(), ascii("GET / HTTP/1.1\r\nHost: mc.example\r\n\r\n")))
                        .on(Listener.PROXY_TRUSTED).seenAs(CLAIMED).logs(BAD, "HTTP"),
                shape("trusted peer, valid header, then silence", sends(proxyV2()))
                        .on(Listener.PROXY_TRUSTED).seenAs(CLAIMED).logs(TIMEOUT, NO_GREETING),
                shape("trusted peer, valid header, then an unknown host", sends(proxyV2(), login("nowhere.test")))
                        .on(Listener.PROXY_TRUSTED).seenAs(CLAIMED)
                        .answers(loginDisconnect(NO_SERVER + "nowhere.test")).logs(UNKNOWN, ""));
    }

    private static Stream<MalformedShape> clientLies() {
        return Stream.of(
                clientLie("client: compressed packet over 8 MiB",
                        compressedFrame(9_000_000, deflate(new byte[100])), "compressed packet declares 9000000 bytes"),
                clientLie("client: 4-byte frame length after compression",
                        bytes(0xFF, 0xFF, 0xFF, 0xFF, 0x0F), "frame length VarInt longer than 3 bytes"));
    }

    /** What {@code lying.test}'s backend does after Set Compression, by player name. */
    static Map<String, ScriptedBackend.Script> backendScripts() {
        Map<String, ScriptedBackend.Script> scripts = new HashMap<>();
        BACKEND_LIES.forEach(lie -> scripts.put(lie.player(), lie.script()));
        scripts.put(QUIET, toGamma -> toGamma.write(setCompression()));
        return scripts;
    }

    /** A login on {@code lying.test} whose backend lies after Set Compression: the client sees that, then the end. */
    private static MalformedShape backendLie(BackendLie lie) {
        return shape("backend: " + lie.player(), sends(login("lying.test", lie.player())))
                .route("lying.test").answers(onlyFrame(0x03))
                .logs(ROUTED, "backend sent a malformed stream: " + lie.problem());
    }

    /** After the backend's Set Compression the client sends {@code lie}. */
    private static MalformedShape clientLie(String name, byte[] lie, String problem) {
        return shape(name, client -> {
            client.send(login("lying.test", QUIET));
            assertThat(new WireReader(client.readFrame()).readVarInt()).as("Set Compression").isEqualTo(0x03);
            client.send(lie);
        }).route("lying.test").logs(ROUTED, "client sent a malformed stream: " + problem);
    }

    /** A compressed frame the backend of {@code lying.test} sends {@code player} right after Set Compression. */
    private record BackendLie(String player, byte[] frame, String problem) {
        ScriptedBackend.Script script() {
            return toGamma -> {
                toGamma.write(setCompression());
                toGamma.flush();
                Thread.sleep(100); // Set Compression reaches the client before the lie ends the session
                toGamma.write(frame);
                toGamma.flush();
            };
        }
    }

    private static byte[] setCompression() {
        return new WireWriter().writeVarInt(0x03).writeVarInt(THRESHOLD).toFrame();
    }

    private static byte[] compressedFrame(int declaredLength, byte[] data) {
        return new WireWriter().writeVarInt(declaredLength).writeBytes(data).toFrame();
    }

    private static void twoStatusRequests(RawClient client) throws Exception {
        client.send(concat(statusHandshake(PROTOCOL), StatusPackets.requestFrame()));
        StatusPackets.readResponse(client.readFrame());
        client.send(StatusPackets.requestFrame());
    }

    static byte[] login(String host) {
        return login(host, "Steve");
    }

    static byte[] login(String host, String player) {
        return RawClient.login(host, PROTOCOL, player);
    }

    private static byte[] statusHandshake(int protocol) {
        return new Handshake(protocol, "nowhere.test", 25565, Handshake.STATUS).encode();
    }

    static byte[] proxyV1() {
        return ProxyHeader.v1(new InetSocketAddress(CLAIMED, 40_000), new InetSocketAddress("127.0.0.1", 25565));
    }

    static byte[] proxyV2() {
        return ProxyHeader.v2(new InetSocketAddress(CLAIMED, 40_000), new InetSocketAddress("127.0.0.1", 25565));
    }

    /** A 1.6 ping on {@code channel} (11 characters, as long as MC|PingHost). */
    private static byte[] legacy16Channel(String channel) {
        byte[] genuine = LegacyPings.v16("nowhere.test", 25565);
        byte[] name = channel.getBytes(StandardCharsets.UTF_16BE);
        System.arraycopy(name, 0, genuine, 5, name.length);
        return genuine;
    }

    /** A 1.6 ping whose host length field says {@code chars}. */
    private static byte[] legacy16HostLength(int chars) {
        byte[] ping = LegacyPings.v16("nowhere.test", 25565);
        int at = 3 + 2 + 22 + 2 + 1; // FE 01 FA, channel length and name, rest length, protocol byte
        ping[at] = (byte) (chars >> 8);
        ping[at + 1] = (byte) chars;
        return ping;
    }

    /** The start of a TLS 1.2 record carrying a ClientHello, as any HTTPS client sends first. */
    private static byte[] tlsClientHello() {
        byte[] hello = new byte[200];
        byte[] head = bytes(0x16, 0x03, 0x01, 0x00, 0xC3, 0x01, 0x00, 0x00, 0xBF, 0x03, 0x03);
        System.arraycopy(head, 0, hello, 0, head.length);
        return hello;
    }

    private static byte[] frame(WireWriter body) {
        return body.toFrame();
    }

    private static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater();
        deflater.setInput(data);
        deflater.finish();
        byte[] out = new byte[data.length + 64];
        int n = deflater.deflate(out);
        deflater.end();
        return Arrays.copyOf(out, n);
    }

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
