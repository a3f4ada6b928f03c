package dev.gamma.protocol;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Valid inputs for every decoder, made by the encoders: what the fuzzers start from and mutate. */
final class Seeds {
    /** Versions where a layout or a packet id changed, and their neighbours. */
    static final int[] VERSIONS = {47, 107, 340, 393, 735, 754, 758, 759, 760, 761, 763, 764, 765, 766, 769, 770, 775};
    /** Compression thresholds: off for nothing, every packet, small, the vanilla default, large. */
    static final int[] THRESHOLDS = {0, 1, 6, 64, 256, 1024};
    /** Frame caps: the smallest, around one and two VarInt bytes, the greeting cap, the protocol maximum. */
    static final int[] FRAME_CAPS = {1, 2, 127, 128, 255, 256, 4096, 16_384, Frames.MAX_FRAME_LENGTH};

    static final UUID PLAYER = UUID.fromString("069a79f4-44e9-4726-a5be-fca90e38aaf5");
    static final String STATUS_JSON = "{\"version\":{\"name\":\"Paper 1.21.4\",\"protocol\":769},"
            + "\"players\":{\"max\":100,\"online\":2,\"sample\":[{\"name\":\"Notch\",\"id\":\"" + PLAYER + "\"}]},"
            + "\"description\":{\"text\":\"\\u00a7aA \",\"extra\":[{\"text\":\"Minecraft\",\"bold\":true},"
            + "{\"translate\":\"multiplayer.status\",\"fallback\":\" Server\"}]},"
            + "\"favicon\":\"data:image/png;base64,iVBORw0KGgo=\",\"enforcesSecureChat\":false}";

    private Seeds() {}

    static List<byte[]> handshakeBodies() {
        List<byte[]> bodies = new ArrayList<>();
        for (String address : List.of("play.example.com", "mc.example.com\0FML3\0", "PLAY.Example.com.",
                "mc.example.com\0FML2\0", "lobby.example.com\0" + "203.0.113.7\0" + PLAYER + "\0[]",
                "mc.example.com///203.0.113.7:51234///1700000000", "[2001:db8::1]:25565")) {
            bodies.add(body(new Handshake(769, address, 25565, Handshake.LOGIN).encode()));
        }
        bodies.add(body(new Handshake(47, "localhost", 25565, Handshake.STATUS).encode()));
        bodies.add(body(new Handshake(766, "transfer.example.com", 25566, Handshake.TRANSFER).encode()));
        bodies.add(body(LegacyPingTest.handshakeFrameOf(254)));
        return bodies;
    }

    /** Login Start bodies, each for the version at the same index of {@link #VERSIONS}, and one signed 1.19. */
    static List<byte[]> loginStartBodies() {
        List<byte[]> bodies = new ArrayList<>();
        for (int version : VERSIONS) {
            bodies.add(body(new LoginStart("Notch", PLAYER).encode(version)));
        }
        return bodies;
    }

    /** A 1.19 Login Start carrying the chat-signing key the client may send. */
    static byte[] signedLoginStart() {
        return new WireWriter().writeVarInt(0).writeString("Notch").writeBoolean(true).writeLong(1_700_000_000_000L)
                .writeByteArray(new byte[294]).writeByteArray(new byte[256]).toByteArray();
    }

    static List<byte[]> frameStreams() {
        List<byte[]> streams = new ArrayList<>();
        streams.add(concat(new Handshake(769, "play.example.com", 25565, Handshake.LOGIN).encode(),
                new LoginStart("Notch", PLAYER).encode(769)));
        streams.add(concat(new Handshake(769, "play.example.com", 25565, Handshake.STATUS).encode(),
                StatusPackets.requestFrame(), StatusPackets.pingFrame(42)));
        streams.add(LegacyPingTest.handshakeFrameOf(254));
        streams.add(Frames.frame(new byte[300]));
        return streams;
    }

    static List<byte[]> legacyPings() {
        return List.of(Hex.bytes("fe"), Hex.bytes("fe 01"), Hex.bytes("fe 01 fa"), Hex.bytes(LegacyPingTest.PING_1_6),
                Hex.bytes(LegacyPingTest.PING_1_6.replace("00 6c 00 6f 00 63", "00 4c 00 4f 00 43")),
                LegacyPingTest.handshakeFrameOf(254));
    }

    static List<byte[]> statusBodies() {
        return List.of(body(StatusPackets.requestFrame()), body(StatusPackets.pingFrame(1_700_000_000_000L)),
                body(StatusPackets.responseFrame(STATUS_JSON)), body(StatusPackets.responseFrame("{}")));
    }

    static List<String> chatJson() {
        return List.of(STATUS_JSON, ChatText.json("Kicked: \"bye\"\n"), "[\"a\",{\"text\":\"b\"},[1,true,null]]",
                "{\"translate\":\"chat.type.text\",\"with\":[\"Notch\",\"hi\"]}", "plain \u00a7ctext", "\"quoted\"");
    }

    /** Compressed frame bodies ({@code VarInt dataLength | zlib}) for the threshold at the same index. */
    static List<byte[]> compressedBodies() {
        List<byte[]> bodies = new ArrayList<>();
        for (int threshold : THRESHOLDS) {
            Compression zlib = new Compression(threshold);
            byte[] packet = new WireWriter().writeVarInt(0x22).writeString("x".repeat(threshold + 40)).toByteArray();
            bodies.add(body(zlib.frame(packet)));
        }
        return bodies;
    }

    /** Uncompressed packets after Set Compression: {@code dataLength 0 | id | payload}. */
    static byte[] uncompressedBody() {
        return body(new Compression(256).frame(new byte[] {0x01, 0, 0, 0, 0, 0, 0, 0, 42}));
    }

    static List<byte[]> nbtTexts() {
        byte[] nested = new WireWriter().writeByte(NbtText.TAG_COMPOUND)
                .writeByte(NbtText.TAG_STRING).writeShort(4).writeBytes(ascii("text")).writeShort(2).writeBytes(ascii("A "))
                .writeByte(NbtText.TAG_LIST).writeShort(5).writeBytes(ascii("extra"))
                .writeByte(NbtText.TAG_COMPOUND).writeInt(1)
                .writeByte(1).writeShort(4).writeBytes(ascii("bold")).writeByte(1)
                .writeByte(NbtText.TAG_STRING).writeShort(4).writeBytes(ascii("text")).writeShort(5).writeBytes(ascii("world"))
                .writeByte(11).writeShort(1).writeBytes(ascii("i")).writeInt(2).writeInt(7).writeInt(8)
                .writeByte(NbtText.TAG_END)
                .writeByte(NbtText.TAG_END).toByteArray();
        byte[] string = new WireWriter().writeByte(NbtText.TAG_STRING).writeShort(3).writeBytes(ascii("bye")).toByteArray();
        return List.of(NbtText.component("You were kicked \u00a7c!"), nested, string);
    }

    /** In-band chat bodies for the version at the same index of {@link #VERSIONS}: system chat as sent. */
    static List<byte[]> chatBodies() {
        List<byte[]> bodies = new ArrayList<>();
        for (int version : VERSIONS) {
            bodies.add(InBandPackets.systemChat(version, "Server restarts in 5 minutes"));
        }
        return bodies;
    }

    /** Serverbound chat for the version at the same index of {@link #VERSIONS}. */
    static List<byte[]> serverboundChatBodies() {
        List<byte[]> bodies = new ArrayList<>();
        for (int version : VERSIONS) {
            int id = PacketTable.forVersion(version).id(PacketKind.CHAT).orElseThrow();
            bodies.add(new WireWriter().writeVarInt(id).writeString("hello").writeLong(0).toByteArray());
        }
        return bodies;
    }

    static List<byte[]> proxyHeaders() {
        InetSocketAddress client4 = new InetSocketAddress("203.0.113.7", 51234);
        InetSocketAddress gamma4 = new InetSocketAddress("192.0.2.1", 25565);
        InetSocketAddress client6 = new InetSocketAddress("2001:db8::7", 51234);
        return List.of(ProxyHeader.v1(client4, gamma4), ProxyHeader.v2(client4, gamma4),
                ProxyHeader.v1(client6, gamma4), ProxyHeader.v2(client6, gamma4));
    }

    /** The body of a single complete frame. */
    static byte[] body(byte[] frame) {
        ByteBuffer body = Frames.next(ByteBuffer.wrap(frame), Frames.MAX_FRAME_LENGTH);
        return BufferShapes.bytes(body);
    }

    /** {@code selector} then {@code bytes}: how a fuzz target that needs a parameter takes it from its input. */
    static byte[] selected(int selector, byte[] bytes) {
        return concat(new byte[] {(byte) selector}, bytes);
    }

    static byte[] concat(byte[]... parts) {
        WireWriter out = new WireWriter();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
