package dev.gamma.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;

/**
 * The decoders of a connection's first bytes, fed mutated valid input and random bytes: each answers or throws
 * {@link ProtocolException}, keeps to its caps and reads every kind of buffer alike ({@link DecoderChecks}).
 * The number of tries is jqwik's default, so {@code -Djqwik.tries.default=...} makes a longer run.
 */
class DecoderFuzzTest {
    @Property
    void framesAreTakenWithinTheirCap(@ForAll("frameStreams") byte[] stream, @ForAll("frameCaps") int maxLength) {
        DecoderChecks.frames(stream, maxLength);
    }

    @Property
    void varIntsTakeAtMostFiveBytes(@ForAll("varIntBytes") byte[] bytes) {
        DecoderChecks.varInts(bytes);
    }

    @Property
    void everyIntRoundTripsAsAVarIntOfItsSize(@ForAll int value) {
        WireWriter out = new WireWriter().writeVarInt(value);
        assertThat(out.size()).isEqualTo(VarInt.size(value));
        WireReader in = new WireReader(ByteBuffer.wrap(out.toByteArray()));
        assertThat(in.readVarInt()).isEqualTo(value);
        assertThat(in.remaining()).isZero();
    }

    @Property
    void stringsAndByteArraysKeepToTheirCap(@ForAll("lengthPrefixed") byte[] bytes, @ForAll("stringCaps") int cap) {
        DecoderChecks.strings(bytes, cap);
    }

    @Property
    void handshakeDecodes(@ForAll("handshakeBodies") byte[] body) {
        DecoderChecks.handshake(body);
    }

    @Property
    void loginStartDecodesInEveryLayout(@ForAll("loginStartBodies") byte[] body,
            @ForAll("protocolVersions") int protocolVersion) {
        DecoderChecks.loginStart(body, protocolVersion);
    }

    @Property
    void anyNameOfSixteenCodePointsRoundTripsInEveryLayout(@ForAll("names") String name, @ForAll("uuids") UUID uuid,
            @ForAll("protocolVersions") int protocolVersion) {
        UUID sent = protocolVersion >= 760 ? uuid : null;
        LoginStart login = new LoginStart(name, sent);
        assertThat(LoginStart.decode(Hex.body(login.encode(protocolVersion)), protocolVersion)).isEqualTo(login);
    }

    @Property
    void legacyPingIsToldApartWithinItsCap(@ForAll("legacyPings") byte[] bytes) {
        DecoderChecks.legacyPing(bytes);
    }

    @Property
    void statusPacketsDecode(@ForAll("statusBodies") byte[] body) {
        DecoderChecks.statusPackets(body);
    }

    @Property
    void chatJsonGivesShorterPlainText(@ForAll("chatJson") String json) {
        DecoderChecks.chatJson(json);
    }

    @Property
    void chatJsonOfJsonCharactersGivesShorterPlainText(
            @ForAll @StringLength(max = 200) @Chars({'{', '}', '[', ']', '"', ':', ',', '\\', 'u', 't', 'e', 'x',
                    'r', 'n', 'l', 'f', 'a', 's', '0', '9', '-', '.', ' ', '\u00a7'}) String json) {
        DecoderChecks.chatJson(json);
    }

    @Property
    void chatJsonOfAnyStringGivesShorterPlainText(@ForAll String text) {
        DecoderChecks.chatJson(text);
    }

    @Property
    void anyStatusJsonBecomesALegacyReply(@ForAll("statusJson") String json) {
        DecoderChecks.statusJsonToLegacy(json);
    }

    @Property
    void legacyReplyFitsWhatOldClientsRead(@ForAll int protocol, @ForAll String version, @ForAll String motd,
            @ForAll int online, @ForAll int max) {
        DecoderChecks.legacyReply(new LegacyStatus(protocol, version, motd, online, max));
    }

    @Provide
    Arbitrary<byte[]> frameStreams() {
        return Mutations.of(Seeds.frameStreams(), 600);
    }

    @Provide
    Arbitrary<Integer> frameCaps() {
        return Arbitraries.oneOf(Arbitraries.of(IntStream.of(Seeds.FRAME_CAPS).boxed().toList()),
                Arbitraries.integers().between(1, Integer.MAX_VALUE));
    }

    @Provide
    Arbitrary<byte[]> varIntBytes() {
        return Mutations.of(List.of(new WireWriter().writeVarInt(0).writeVarInt(300).writeVarInt(-1)
                .writeVarInt(Integer.MAX_VALUE).writeVarInt(Integer.MIN_VALUE).writeVarInt(2_097_151).toByteArray()), 32);
    }

    @Provide
    Arbitrary<byte[]> lengthPrefixed() {
        return Mutations.of(List.of(new WireWriter().writeString("play.example.com").toByteArray(),
                new WireWriter().writeString("\u00e9\u4e2d\uD83D\uDE00").toByteArray(),
                new WireWriter().writeByteArray(new byte[300]).toByteArray()), 64);
    }

    @Provide
    Arbitrary<Integer> stringCaps() {
        return Arbitraries.oneOf(Arbitraries.of(0, 1, 16, 64, 255, 300, Handshake.MAX_ADDRESS_BYTES),
                Arbitraries.integers().between(0, Integer.MAX_VALUE));
    }

    @Provide
    Arbitrary<byte[]> handshakeBodies() {
        return Mutations.of(Seeds.handshakeBodies(), 64);
    }

    @Provide
    Arbitrary<byte[]> loginStartBodies() {
        List<byte[]> seeds = new java.util.ArrayList<>(Seeds.loginStartBodies());
        seeds.add(Seeds.signedLoginStart());
        return Mutations.of(seeds, 64);
    }

    @Provide
    Arbitrary<Integer> protocolVersions() {
        return Arbitraries.oneOf(Arbitraries.of(IntStream.of(Seeds.VERSIONS).boxed().toList()),
                Arbitraries.integers());
    }

    @Provide
    Arbitrary<String> names() {
        Arbitrary<Integer> codePoint = Arbitraries.oneOf(Arbitraries.integers().between(0x20, 0x7E),
                Arbitraries.integers().between(0, Character.MAX_CODE_POINT)
                        .filter(c -> c < Character.MIN_SURROGATE || c > Character.MAX_SURROGATE));
        return codePoint.list().ofMaxSize(16)
                .map(points -> new String(points.stream().mapToInt(Integer::intValue).toArray(), 0, points.size()));
    }

    @Provide
    Arbitrary<UUID> uuids() {
        return net.jqwik.api.Combinators.combine(Arbitraries.longs(), Arbitraries.longs()).as(UUID::new);
    }

    @Provide
    Arbitrary<byte[]> legacyPings() {
        return Mutations.of(Seeds.legacyPings(), 16);
    }

    @Provide
    Arbitrary<byte[]> statusBodies() {
        return Mutations.of(Seeds.statusBodies(), 16);
    }

    @Provide
    Arbitrary<String> chatJson() {
        return mutatedText(Seeds.chatJson());
    }

    @Provide
    Arbitrary<String> statusJson() {
        return mutatedText(List.of(Seeds.STATUS_JSON, "{\"description\":\"plain\"}", "[]", "null",
                "{\"version\":{\"protocol\":1e400},\"players\":{\"online\":-1,\"max\":\"x\"}}",
                "{\"description\":" + "[".repeat(100) + "\"deep\"" + "]".repeat(100) + "}"));
    }

    /** Text seeds mutated as UTF-8 bytes and read back leniently, so broken sequences become U+FFFD. */
    private static Arbitrary<String> mutatedText(List<String> seeds) {
        return Mutations.of(seeds.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList(), 64)
                .map(bytes -> new String(bytes, StandardCharsets.UTF_8));
    }
}
