package dev.gamma.protocol;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Jazzer fuzz targets for every decoder, checking what {@link DecoderChecks} and {@link ProxyHeaderChecks} say
 * must hold. A target that needs a parameter (a cap, a protocol version, a threshold) takes it from its first
 * input byte, as an index into the table {@link Seeds} gives.
 *
 * <p>{@link #allDecoders} takes every target in one: its first byte picks the target, the rest is that target's
 * input. Jazzer fuzzes one target per JVM and takes a few seconds to start, so a short run (CI) fuzzes that one;
 * a long run can fuzz each target in turn.
 *
 * <p>In a normal build each target only replays its seeds and the inputs under
 * {@code src/test/resources/dev/gamma/protocol/DecoderFuzzTargetsInputs/<target>/}; the {@code fuzz} Maven
 * profile and {@code bench/fuzz.sh} fuzz them for a bounded time (see docs/fuzzing.md).
 */
class DecoderFuzzTargets {
    private static final int[] STRING_CAPS = {0, 1, 16, LoginStart.MAX_NAME_BYTES, 255, Handshake.MAX_ADDRESS_BYTES};

    /** The targets {@link #allDecoders} chooses from by its first byte, in this order. */
    private final List<Consumer<byte[]>> targets = List.of(this::frames, this::varInts, this::strings,
            this::handshake, this::loginStart, this::legacyPing, this::statusPackets, this::statusJson,
            this::compressed, this::nbtText, this::chatPackets, this::proxyHeader);

    @MethodSource("allSeeds")
    @FuzzTest
    void allDecoders(byte[] data) {
        if (data.length > 0) {
            targets.get((data[0] & 0xFF) % targets.size()).accept(rest(data));
        }
    }

    @MethodSource("frameSeeds")
    @FuzzTest
    void frames(byte[] data) {
        DecoderChecks.frames(rest(data), pick(Seeds.FRAME_CAPS, data));
    }

    @MethodSource("varIntSeeds")
    @FuzzTest
    void varInts(byte[] data) {
        DecoderChecks.varInts(data);
    }

    @MethodSource("stringSeeds")
    @FuzzTest
    void strings(byte[] data) {
        DecoderChecks.strings(rest(data), pick(STRING_CAPS, data));
    }

    @MethodSource("handshakeSeeds")
    @FuzzTest
    void handshake(byte[] data) {
        DecoderChecks.handshake(data);
    }

    @MethodSource("loginStartSeeds")
    @FuzzTest
    void loginStart(byte[] data) {
        DecoderChecks.loginStart(rest(data), pick(Seeds.VERSIONS, data));
    }

    @MethodSource("legacyPingSeeds")
    @FuzzTest
    void legacyPing(byte[] data) {
        DecoderChecks.legacyPing(data);
    }

    @MethodSource("statusSeeds")
    @FuzzTest
    void statusPackets(byte[] data) {
        DecoderChecks.statusPackets(data);
    }

    @MethodSource("jsonSeeds")
    @FuzzTest
    void statusJson(byte[] data) {
        String json = new String(data, StandardCharsets.UTF_8);
        DecoderChecks.chatJson(json);
        DecoderChecks.statusJsonToLegacy(json);
    }

    @MethodSource("compressedSeeds")
    @FuzzTest
    void compressed(byte[] data) {
        DecoderChecks.compressed(rest(data), pick(Seeds.THRESHOLDS, data));
    }

    @MethodSource("nbtSeeds")
    @FuzzTest
    void nbtText(byte[] data) {
        DecoderChecks.nbtText(data);
    }

    @MethodSource("chatSeeds")
    @FuzzTest
    void chatPackets(byte[] data) {
        DecoderChecks.chatPackets(rest(data), pick(Seeds.VERSIONS, data));
    }

    @MethodSource("proxyHeaderSeeds")
    @FuzzTest
    void proxyHeader(byte[] data) {
        ProxyHeaderChecks.decoder(rest(data), data.length == 0 ? 0 : data[0] & 0xFF);
    }

    /** Every target's seeds, each behind the byte that picks its target in {@link #allDecoders}. */
    static Stream<byte[]> allSeeds() {
        List<Stream<byte[]>> seeds = List.of(frameSeeds(), varIntSeeds(), stringSeeds(), handshakeSeeds(),
                loginStartSeeds(), legacyPingSeeds(), statusSeeds(), jsonSeeds(), compressedSeeds(), nbtSeeds(),
                chatSeeds(), proxyHeaderSeeds());
        return IntStream.range(0, seeds.size()).boxed()
                .flatMap(target -> seeds.get(target).map(seed -> Seeds.selected(target, seed)));
    }

    static Stream<byte[]> frameSeeds() {
        return selectedFor(Seeds.FRAME_CAPS.length, Seeds.frameStreams());
    }

    static Stream<byte[]> varIntSeeds() {
        return Stream.of(new WireWriter().writeVarInt(0).writeVarInt(300).writeVarInt(-1).writeVarInt(2_097_151)
                .toByteArray(), Hex.bytes("80 80 80 80 80 80"));
    }

    static Stream<byte[]> stringSeeds() {
        return selectedFor(STRING_CAPS.length, List.of(new WireWriter().writeString("play.example.com").toByteArray(),
                new WireWriter().writeString("\u00e9\u4e2d\uD83D\uDE00").toByteArray()));
    }

    static Stream<byte[]> handshakeSeeds() {
        return Seeds.handshakeBodies().stream();
    }

    static Stream<byte[]> loginStartSeeds() {
        List<byte[]> bodies = Seeds.loginStartBodies();
        List<byte[]> seeds = new ArrayList<>();
        for (int i = 0; i < Seeds.VERSIONS.length; i++) {
            seeds.add(Seeds.selected(i, bodies.get(i)));
        }
        seeds.add(Seeds.selected(indexOf(Seeds.VERSIONS, 759), Seeds.signedLoginStart()));
        return seeds.stream();
    }

    static Stream<byte[]> legacyPingSeeds() {
        return Seeds.legacyPings().stream();
    }

    static Stream<byte[]> statusSeeds() {
        return Seeds.statusBodies().stream();
    }

    static Stream<byte[]> jsonSeeds() {
        return Seeds.chatJson().stream().map(s -> s.getBytes(StandardCharsets.UTF_8));
    }

    static Stream<byte[]> compressedSeeds() {
        List<byte[]> bodies = Seeds.compressedBodies();
        List<byte[]> seeds = new ArrayList<>();
        for (int i = 0; i < Seeds.THRESHOLDS.length; i++) {
            seeds.add(Seeds.selected(i, bodies.get(i)));
        }
        seeds.add(Seeds.selected(indexOf(Seeds.THRESHOLDS, 256), Seeds.uncompressedBody()));
        return seeds.stream();
    }

    static Stream<byte[]> nbtSeeds() {
        return Seeds.nbtTexts().stream();
    }

    static Stream<byte[]> chatSeeds() {
        List<byte[]> system = Seeds.chatBodies();
        List<byte[]> serverbound = Seeds.serverboundChatBodies();
        return IntStream.range(0, Seeds.VERSIONS.length).boxed()
                .flatMap(i -> Stream.of(Seeds.selected(i, system.get(i)), Seeds.selected(i, serverbound.get(i))));
    }

    static Stream<byte[]> proxyHeaderSeeds() {
        return Seeds.proxyHeaders().stream().map(header -> Seeds.selected(header.length / 2, header));
    }

    /** Each input selected for the first table entry, the first input for every other entry too. */
    private static Stream<byte[]> selectedFor(int entries, List<byte[]> inputs) {
        Stream<byte[]> all = inputs.stream().map(input -> Seeds.selected(0, input));
        return Stream.concat(all, IntStream.range(1, entries).mapToObj(i -> Seeds.selected(i, inputs.get(0))));
    }

    private static int pick(int[] table, byte[] data) {
        return data.length == 0 ? table[0] : table[(data[0] & 0xFF) % table.length];
    }

    private static byte[] rest(byte[] data) {
        return data.length == 0 ? data : Arrays.copyOfRange(data, 1, data.length);
    }

    private static int indexOf(int[] table, int value) {
        return IntStream.range(0, table.length).filter(i -> table[i] == value).findFirst().orElseThrow();
    }
}
