package dev.gamma.protocol;

import static dev.gamma.protocol.BufferShapes.REFUSED;
import static dev.gamma.protocol.BufferShapes.answer;
import static dev.gamma.protocol.BufferShapes.decodeAlike;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gamma.protocol.LegacyPing.Ambiguous;
import dev.gamma.protocol.LegacyPing.Form;
import dev.gamma.protocol.LegacyPing.Incomplete;
import dev.gamma.protocol.LegacyPing.Legacy;
import dev.gamma.protocol.LegacyPing.Modern;
import dev.gamma.route.StatusJson;
import dev.gamma.testkit.Allocation;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * What must hold for any input to each decoder, shared by the jqwik properties and the Jazzer fuzz targets:
 * the decoder answers or throws {@link ProtocolException} (anything else thrown fails the check), reads the
 * same from every kind of buffer, keeps to its caps, allocates in proportion to its input (never to a length
 * the input claims), and what it accepts encodes back to the same value.
 */
final class DecoderChecks {
    /**
     * Heap a decoder may allocate whatever its input, besides a few bytes per input byte: room for a stack trace
     * of an exception the JDK throws (zlib's), far below the megabytes a length taken on trust would cost.
     */
    private static final long FIXED_ALLOCATION = 64 * 1024;
    /** Bytes a decoder may allocate per input byte: a copy or two of what it read, as bytes and as chars. */
    private static final long PER_BYTE = 8;
    /** Readers that make an object per element of a tree (a map, a list, a String: chat JSON, NBT) need more. */
    private static final long PER_BYTE_TREE = 64;
    private static final int LOGIN_START_UUID_REQUIRED = 764;
    private static final int LOGIN_START_UUID_OPTIONAL = 760;

    private DecoderChecks() {}

    static void frames(byte[] stream, int maxLength) {
        int cap = Math.min(maxLength, Frames.MAX_FRAME_LENGTH);
        decodeAlike(stream, false, buf -> {
            List<Object> frames = new ArrayList<>();
            while (true) {
                int before = buf.position();
                Object body = answer(() -> Frames.next(buf, maxLength));
                if (body == REFUSED || body == null) {
                    assertThat(buf.position()).as("position after a refused or incomplete frame").isEqualTo(before);
                    if (body == null) {
                        assertThat(buf.remaining()).as("bytes held back waiting for a frame of at most %d", cap)
                                .isLessThan(Frames.MAX_LENGTH_BYTES + cap);
                    }
                    frames.add(body == null ? "incomplete" : REFUSED);
                    return frames;
                }
                ByteBuffer frame = (ByteBuffer) body;
                assertThat(frame.isReadOnly()).as("frame body is read-only").isTrue();
                assertThat(frame.remaining()).as("frame body length").isBetween(1, cap);
                assertThat(buf.position() - before - frame.remaining()).as("length prefix")
                        .isBetween(1, Frames.MAX_LENGTH_BYTES);
                frames.add(hex(frame));
            }
        });
    }

    static void varInts(byte[] bytes) {
        decodeAlike(bytes, false, buf -> {
            WireReader in = new WireReader(buf);
            List<Object> values = new ArrayList<>();
            while (in.remaining() > 0) {
                int before = in.remaining();
                Object value = answer(in::readVarInt);
                int used = before - in.remaining();
                assertThat(used).as("bytes of one VarInt").isLessThanOrEqualTo(VarInt.MAX_BYTES);
                values.add(value);
                if (value == REFUSED) {
                    assertThat(used == VarInt.MAX_BYTES || in.remaining() == 0)
                            .as("a VarInt is refused after five continuation bytes or at the end of input").isTrue();
                    break;
                }
                int v = (int) value;
                assertThat(used).as("bytes of %d", v).isGreaterThanOrEqualTo(VarInt.size(v));
            }
            return values;
        });
    }

    static void strings(byte[] bytes, int maxBytes) {
        decodeAlike(bytes, false, buf -> {
            int start = buf.position();
            Object s = answer(() -> new WireReader(buf).readString(maxBytes));
            if (s instanceof String string) {
                int length = string.getBytes(StandardCharsets.UTF_8).length;
                assertThat(length).as("UTF-8 bytes of a string capped at %d", maxBytes).isLessThanOrEqualTo(maxBytes);
                assertThat(buf.position() - start).as("bytes read").isBetween(length + 1, length + VarInt.MAX_BYTES);
            }
            return s;
        });
        decodeAlike(bytes, false, buf -> {
            Object array = answer(() -> new WireReader(buf).readByteArray(maxBytes));
            if (array instanceof byte[] b) {
                assertThat(b.length).as("byte array capped at %d", maxBytes).isLessThanOrEqualTo(maxBytes);
                return HexFormat.of().formatHex(b);
            }
            return array;
        });
        Allocation.atMost(allowance(bytes), "readString",
                Allocation.quietly(() -> new WireReader(ByteBuffer.wrap(bytes)).readString(maxBytes)));
        Allocation.atMost(allowance(bytes), "readByteArray",
                Allocation.quietly(() -> new WireReader(ByteBuffer.wrap(bytes)).readByteArray(maxBytes)));
    }

    static void handshake(byte[] body) {
        Object answer = decodeAlike(body, true, Handshake::decode);
        if (answer instanceof Handshake handshake) {
            assertThat(handshake.address().getBytes(StandardCharsets.UTF_8)).as("address bytes")
                    .hasSizeLessThanOrEqualTo(Handshake.MAX_ADDRESS_BYTES);
            assertThat(Handshake.decode(Hex.body(handshake.encode()))).as("re-encoded").isEqualTo(handshake);
        }
        Allocation.atMost(allowance(body), "Handshake.decode",
                Allocation.quietly(() -> Handshake.decode(ByteBuffer.wrap(body))));
    }

    static void loginStart(byte[] body, int protocolVersion) {
        Object answer = decodeAlike(body, true, buf -> LoginStart.decode(buf, protocolVersion));
        if (answer instanceof LoginStart login) {
            assertThat(login.name().getBytes(StandardCharsets.UTF_8)).as("name bytes")
                    .hasSizeLessThanOrEqualTo(LoginStart.MAX_NAME_BYTES);
            if (protocolVersion >= LOGIN_START_UUID_REQUIRED) {
                assertThat(login.uuid()).as("UUID of protocol %d", protocolVersion).isNotNull();
            } else if (protocolVersion < LOGIN_START_UUID_OPTIONAL) {
                assertThat(login.uuid()).as("UUID of protocol %d", protocolVersion).isNull();
            }
            assertThat(LoginStart.decode(Hex.body(login.encode(protocolVersion)), protocolVersion))
                    .as("re-encoded").isEqualTo(login);
        }
        Allocation.atMost(allowance(body), "LoginStart.decode",
                Allocation.quietly(() -> LoginStart.decode(ByteBuffer.wrap(body), protocolVersion)));
    }

    static void legacyPing(byte[] bytes) {
        Object answer = decodeAlike(bytes, true, LegacyPing::detect);
        if (bytes.length >= LegacyPing.MAX_BYTES) {
            assertThat(answer).as("waiting with %d bytes in hand", bytes.length)
                    .isNotInstanceOf(Incomplete.class).isNotInstanceOf(Ambiguous.class);
        }
        if (answer instanceof Ambiguous) {
            assertThat(bytes.length).as("bytes of an ambiguous start").isLessThanOrEqualTo(2);
        }
        if (answer instanceof Modern) {
            assertThat((bytes[0] & 0xFF) != LegacyPing.PING || bytes[1] != 0x01 || bytes[2] == 0x00)
                    .as("modern frame starts with FE 01 00 or not FE 01").isTrue();
        }
        if (answer instanceof Legacy legacy && legacy.request().form() == Form.V1_6) {
            LegacyPing.Request request = legacy.request();
            assertThat(request.protocol()).isBetween(0, 255);
            assertThat(request.port()).isBetween(0, 0xFFFF);
            assertThat(request.host().length() * 2).as("host bytes").isLessThan(LegacyPing.MAX_BYTES);
        }
        Allocation.atMost(allowance(bytes), "LegacyPing.detect",
                Allocation.quietly(() -> LegacyPing.detect(ByteBuffer.wrap(bytes))));
    }

    static void statusPackets(byte[] body) {
        Object json = decodeAlike(body, true, StatusPackets::readResponse);
        if (json instanceof String s) {
            assertThat(s.getBytes(StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(StatusPackets.MAX_RESPONSE_BYTES);
            assertThat(StatusPackets.readResponse(Hex.body(StatusPackets.responseFrame(s)))).isEqualTo(s);
        }
        Object ping = decodeAlike(body, true, StatusPackets::readPing);
        if (ping instanceof Long payload) {
            assertThat(StatusPackets.readPing(Hex.body(StatusPackets.pongFrame(payload)))).isEqualTo(payload);
        }
        Object request = decodeAlike(body, true, StatusPackets::isRequest);
        assertThat(request).as("a request is exactly the byte 00").isEqualTo(body.length == 1 && body[0] == 0);
        Allocation.atMost(allowance(body), "StatusPackets.readResponse",
                Allocation.quietly(() -> StatusPackets.readResponse(ByteBuffer.wrap(body))));
    }

    /** Chat JSON as text comes back no longer than it went in; only nesting past the cap is refused. */
    static void chatJson(String json) {
        Object plain = answer(() -> ChatText.plain(json));
        if (plain instanceof String text) {
            assertThat(text.length()).as("plain text of %d chars of JSON", json.length())
                    .isLessThanOrEqualTo(json.length());
        }
        Allocation.atMost(FIXED_ALLOCATION + PER_BYTE_TREE * 2 * json.length(), "ChatText.plain",
                Allocation.quietly(() -> ChatText.plain(json)));
    }

    /**
     * A status JSON from a backend, whatever it holds, becomes a legacy status and a legacy reply that an old
     * client accepts; nothing is thrown, not even a ProtocolException, since a backend is not a client.
     */
    static void statusJsonToLegacy(String json) {
        legacyReply(StatusJson.toLegacy(json));
    }

    /** A legacy reply of any status is one kick packet no longer than old clients read. */
    static void legacyReply(LegacyStatus status) {
        for (Form form : Form.values()) {
            byte[] reply = LegacyPing.reply(form, status);
            int chars = (reply[1] & 0xFF) << 8 | reply[2] & 0xFF;
            assertThat(reply).hasSize(3 + 2 * chars);
            assertThat(chars).as("reply chars for %s", form).isLessThanOrEqualTo(
                    form == Form.PRE_1_4 ? LegacyPing.MAX_REPLY_CHARS_PRE_1_4 : LegacyPing.MAX_REPLY_CHARS);
        }
    }

    /**
     * A compressed frame body is refused or inflates to exactly what it declares, which is at least the
     * threshold, at most 8 MiB and no more than its data can inflate to; only that much is allocated.
     */
    static void compressed(byte[] body, int threshold) {
        Compression zlib = new Compression(threshold);
        Object answer = decodeAlike(body, true, zlib::decompress);
        Object id = decodeAlike(body, true, zlib::peekPacketId);
        if (answer != REFUSED) {
            ByteBuffer in = ByteBuffer.wrap(body);
            int declared = new WireReader(in).readVarInt();
            byte[] packet = BufferShapes.bytes(zlib.decompress(ByteBuffer.wrap(body)));
            if (declared == 0) {
                assertThat(packet).isEqualTo(BufferShapes.bytes(in));
            } else {
                assertThat(declared).as("declared length").isBetween(threshold, Compression.MAX_UNCOMPRESSED);
                assertThat(packet).as("what the data inflates to").isEqualTo(inflated(in, declared + 1));
            }
            Object expectedId = answer(() -> new WireReader(ByteBuffer.wrap(packet)).readVarInt());
            if (expectedId != REFUSED) {
                assertThat(id).as("peeked packet id").isEqualTo(expectedId);
            }
        }
        long inflatable = Math.min(Compression.MAX_UNCOMPRESSED, 1032L * body.length + 64);
        Allocation.atMost(allowance(body) + inflatable, "Compression.decompress",
                Allocation.quietly(() -> zlib.decompress(ByteBuffer.wrap(body))));
        Allocation.atMost(allowance(body), "Compression.peekPacketId",
                Allocation.quietly(() -> zlib.peekPacketId(ByteBuffer.wrap(body))));
    }

    static void nbtText(byte[] bytes) {
        Object text = decodeAlike(bytes, true, NbtText::plain);
        if (text instanceof String s) {
            assertThat(s.length()).as("text chars").isLessThanOrEqualTo(262_144);
        }
        Allocation.atMost(FIXED_ALLOCATION + PER_BYTE_TREE * bytes.length, "NbtText.plain",
                Allocation.quietly(() -> NbtText.plain(ByteBuffer.wrap(bytes))));
    }

    static void chatPackets(byte[] body, int protocolVersion) {
        decodeAlike(body, true, buf -> InBandPackets.serverboundChatText(protocolVersion, buf));
        decodeAlike(body, true, buf -> InBandPackets.clientboundChatText(protocolVersion, buf));
        Allocation.atMost(FIXED_ALLOCATION + PER_BYTE_TREE * body.length, "InBandPackets.clientboundChatText",
                Allocation.quietly(() -> InBandPackets.clientboundChatText(protocolVersion, ByteBuffer.wrap(body))));
    }

    private static long allowance(byte[] input) {
        return FIXED_ALLOCATION + PER_BYTE * input.length;
    }

    /** What a fresh inflater makes of {@code in}, up to {@code max} bytes or the first error. */
    private static byte[] inflated(ByteBuffer in, int max) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(in.duplicate());
            byte[] out = new byte[max];
            int total = 0;
            try {
                while (total < max && !inflater.finished()) {
                    int n = inflater.inflate(out, total, max - total);
                    if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                        break;
                    }
                    total += n;
                }
            } catch (DataFormatException e) {
                // what came before the error is what the data inflates to
            }
            return java.util.Arrays.copyOf(out, total);
        } finally {
            inflater.end();
        }
    }

    private static String hex(ByteBuffer buf) {
        return HexFormat.of().formatHex(BufferShapes.bytes(buf));
    }
}
