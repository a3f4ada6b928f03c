package dev.gamma.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.gamma.testkit.Allocation;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InBandPacketsTest {

    @ParameterizedTest(name = "protocol {0}")
    @ValueSource(ints = {47, 340, 754, 759, 760, 763, 764, 765, 769, 775})
    void systemChatReadsBackAsTheSameText(int protocol) {
        byte[] body = InBandPackets.systemChat(protocol, "Hello \"world\" \u00e9\u2603");
        assertThat(InBandPackets.clientboundChatText(protocol, ByteBuffer.wrap(body))).isEqualTo("Hello \"world\" \u00e9\u2603");
    }

    @Test
    void legacyChatHasPositionAndFrom116ASender() {
        byte[] old = InBandPackets.systemChat(47, "x");
        byte[] withSender = InBandPackets.systemChat(754, "x");
        assertThat(withSender.length - old.length).isEqualTo(16 + 0); // same id width, plus the UUID
        assertThat(old[0]).isEqualTo((byte) 0x02);
        assertThat(old[old.length - 1]).as("position 1 = system").isEqualTo((byte) 1);
    }

    @Test
    void systemChatIn119EndsWithTypeAndLaterWithOverlayFlag() {
        byte[] v759 = InBandPackets.systemChat(759, "x");
        byte[] v760 = InBandPackets.systemChat(760, "x");
        assertThat(v759[v759.length - 1]).as("VarInt type 1").isEqualTo((byte) 1);
        assertThat(v760[v760.length - 1]).as("overlay false").isEqualTo((byte) 0);
    }

    @ParameterizedTest(name = "protocol {0}")
    @ValueSource(ints = {47, 754, 764, 765, 775})
    void playDisconnectIsJsonUntil1202AndNbtFrom1203(int protocol) {
        ByteBuffer body = ByteBuffer.wrap(InBandPackets.disconnect(PacketState.PLAY, protocol, "Bye now"));
        WireReader reader = new WireReader(body);
        assertThat(reader.readVarInt()).isEqualTo(PacketTable.forVersion(protocol).id(PacketKind.PLAY_DISCONNECT).orElseThrow());
        if (protocol >= 765) {
            assertThat(NbtText.plain(body)).isEqualTo("Bye now");
        } else {
            assertThat(ChatText.plain(reader.readString(4096))).isEqualTo("Bye now");
        }
    }

    @Test
    void loginDisconnectIsAlwaysJson() {
        ByteBuffer body = ByteBuffer.wrap(InBandPackets.disconnect(PacketState.LOGIN, 775, "Nope"));
        WireReader reader = new WireReader(body);
        assertThat(reader.readVarInt()).isZero();
        assertThat(reader.readString(4096)).isEqualTo("{\"text\":\"Nope\"}");
    }

    @Test
    void configurationDisconnectExistsOnlyFrom1202() {
        assertThat(InBandPackets.disconnect(PacketState.CONFIGURATION, 764, "x")[0]).isEqualTo((byte) 0x01);
        assertThatThrownBy(() -> InBandPackets.disconnect(PacketState.CONFIGURATION, 763, "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> InBandPackets.disconnect(PacketState.STATUS, 769, "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "protocol {0}")
    @ValueSource(ints = {47, 758, 759, 769})
    void serverboundChatTextIsTheFirstField(int protocol) {
        int id = PacketTable.forVersion(protocol).id(PacketKind.CHAT).orElseThrow();
        byte[] body = new WireWriter().writeVarInt(id).writeString("typed text").writeLong(1).writeLong(2).toByteArray();
        assertThat(InBandPackets.serverboundChatText(protocol, ByteBuffer.wrap(body))).isEqualTo("typed text");
        byte[] other = new WireWriter().writeVarInt(id + 1).writeString("x").toByteArray();
        assertThat(InBandPackets.serverboundChatText(protocol, ByteBuffer.wrap(other))).isNull();
    }

    @Test
    void nbtComponentIsACompoundWithText() {
        byte[] nbt = NbtText.component("hi");
        assertThat(nbt).containsExactly(0x0A, 0x08, 0x00, 0x04, 't', 'e', 'x', 't', 0x00, 0x02, 'h', 'i', 0x00);
        assertThat(NbtText.plain(ByteBuffer.wrap(nbt))).isEqualTo("hi");
    }

    @Test
    void nbtTextRoundTripsUnicodeEmptyAndLongStrings() {
        for (String text : new String[] {"", "\u0000nul", "\uD83D\uDE00 emoji", "x".repeat(70_000)}) {
            String back = NbtText.plain(ByteBuffer.wrap(NbtText.component(text)));
            assertThat(text).startsWith(back);
            assertThat(back.length()).isGreaterThanOrEqualTo(Math.min(text.length(), 65_535 / 3));
        }
    }

    @Test
    void nbtReaderCollectsExtraAndSkipsOtherTags() {
        // {color:"red", text:"a", extra:[{text:"b"}], bold:1b}
        byte[] nbt = new byte[] {0x0A,
            0x08, 0, 5, 'c', 'o', 'l', 'o', 'r', 0, 3, 'r', 'e', 'd',
            0x08, 0, 4, 't', 'e', 'x', 't', 0, 1, 'a',
            0x09, 0, 5, 'e', 'x', 't', 'r', 'a', 0x0A, 0, 0, 0, 1,
            0x08, 0, 4, 't', 'e', 'x', 't', 0, 1, 'b', 0x00,
            0x01, 0, 4, 'b', 'o', 'l', 'd', 1,
            0x00};
        assertThat(NbtText.plain(ByteBuffer.wrap(nbt))).isEqualTo("ab");
    }

    @Test
    void nbtCutShortAnywhereCostsOneQuietProtocolException() {
        byte[] nbt = NbtText.component("cut short");
        for (int length = 0; length < nbt.length; length++) {
            ByteBuffer cut = ByteBuffer.wrap(nbt, 0, length);
            assertThatThrownBy(() -> NbtText.plain(cut)).as("first %d bytes", length)
                    .isInstanceOf(ProtocolException.class);
            // no exception with a stack trace on the way: read 300 frames deep, a BufferUnderflowException
            // would cost kilobytes
            Allocation.atMost(1536, "reading " + length + " bytes of NBT",
                    () -> deep(300, Allocation.quietly(() -> NbtText.plain(cut))));
        }
    }

    @Test
    void nbtEntriesThatHoldNoTextAreSkippedWithoutDecoding() {
        WireWriter nbt = new WireWriter().writeByte(NbtText.TAG_COMPOUND);
        for (int i = 0; i < 2000; i++) {
            nbt.writeByte(NbtText.TAG_STRING).writeShort(1).writeByte('c').writeShort(3).writeBytes(new byte[] {'r', 'e', 'd'});
        }
        byte[] bytes = nbt.writeByte(NbtText.TAG_STRING).writeShort(4).writeBytes(new byte[] {'t', 'e', 'x', 't'})
                .writeShort(2).writeBytes(new byte[] {'h', 'i'}).writeByte(NbtText.TAG_END).toByteArray();
        assertThat(NbtText.plain(ByteBuffer.wrap(bytes))).isEqualTo("hi");
        Allocation.atMost(2048, "2,000 entries skipped", () -> NbtText.plain(ByteBuffer.wrap(bytes)));
    }

    /**
     * Lists of TAG_End take no bytes per element, so a list of 200,000 of them, each claiming 100,000 elements,
     * would cost 2 × 10^10 steps; vanilla refuses a TAG_End list that is not empty, and so does the reader, under
     * a text entry's name and under any other.
     */
    @ParameterizedTest
    @ValueSource(strings = {"x", "extra"})
    void listsOfTagEndThatClaimElementsAreRefusedAtOnce(String name) {
        WireWriter nbt = new WireWriter().writeByte(NbtText.TAG_COMPOUND)
                .writeByte(NbtText.TAG_LIST).writeShort(name.length()).writeBytes(name.getBytes(StandardCharsets.US_ASCII))
                .writeByte(NbtText.TAG_LIST).writeInt(200_000);
        for (int i = 0; i < 200_000; i++) {
            nbt.writeByte(NbtText.TAG_END).writeInt(100_000);
        }
        ByteBuffer bytes = ByteBuffer.wrap(nbt.writeByte(NbtText.TAG_END).toByteArray());

        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> assertThatThrownBy(() -> NbtText.plain(bytes))
                .isInstanceOf(ProtocolException.class).hasMessage("NBT list of 100000 TAG_End elements"));
    }

    private static void deep(int frames, Runnable then) {
        if (frames == 0) {
            then.run();
        } else {
            deep(frames - 1, then);
        }
    }

    @Test
    void packetIdMinusOneIsNeverOneOfOurs() {
        for (int protocol : PacketTable.knownVersions()) {
            for (PacketState state : PacketState.values()) {
                for (PacketDirection direction : PacketDirection.values()) {
                    assertThat(PacketTable.forVersion(protocol).kind(state, direction, -1)).isNull();
                }
            }
        }
    }
}
