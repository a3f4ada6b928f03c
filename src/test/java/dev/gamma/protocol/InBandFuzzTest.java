package dev.gamma.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.zip.Deflater;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The decoders the framed relay uses after login, fed mutated valid packets and random bytes: compressed frames
 * (sizes that lie included), NBT text, chat packets. See {@link DecoderChecks} for what must hold.
 */
class InBandFuzzTest {
    @Property
    void compressedFramesInflateToWhatTheyDeclare(@ForAll("compressedBodies") byte[] body,
            @ForAll("thresholds") int threshold) {
        DecoderChecks.compressed(body, threshold);
    }

    @Property
    void compressedFramesWithLyingSizesAreRefusedBeforeAllocating(@ForAll("declaredLengths") int declared,
            @ForAll @Size(max = 2000) byte[] packet, @ForAll @IntRange(min = 0, max = 9) int level,
            @ForAll("thresholds") int threshold) {
        Deflater deflater = new Deflater(level);
        deflater.setInput(packet);
        deflater.finish();
        byte[] zlib = new byte[packet.length + 64];
        int n = deflater.deflate(zlib);
        deflater.end();
        byte[] body = new WireWriter().writeVarInt(declared).writeBytes(java.util.Arrays.copyOf(zlib, n)).toByteArray();
        DecoderChecks.compressed(body, threshold);
    }

    @Property
    void nbtTextIsReadWithinItsInput(@ForAll("nbtTexts") byte[] bytes) {
        DecoderChecks.nbtText(bytes);
    }

    @Property
    void chatPacketsAreReadInEveryVersion(@ForAll("chatBodies") byte[] body, @ForAll("protocolVersions") int version) {
        DecoderChecks.chatPackets(body, version);
    }

    @Provide
    Arbitrary<byte[]> compressedBodies() {
        List<byte[]> seeds = new ArrayList<>(Seeds.compressedBodies());
        seeds.add(Seeds.uncompressedBody());
        return Mutations.of(seeds, 300);
    }

    @Provide
    Arbitrary<Integer> thresholds() {
        return Arbitraries.oneOf(Arbitraries.of(IntStream.of(Seeds.THRESHOLDS).boxed().toList()),
                Arbitraries.integers().between(0, Compression.MAX_UNCOMPRESSED + 1));
    }

    /** Lengths a compressed packet may claim: around its real size, the caps, negative, and anything else. */
    @Provide
    Arbitrary<Integer> declaredLengths() {
        return Arbitraries.oneOf(Arbitraries.integers().between(-2, 2100),
                Arbitraries.of(Compression.MAX_UNCOMPRESSED, Compression.MAX_UNCOMPRESSED + 1, Integer.MAX_VALUE,
                        Integer.MIN_VALUE),
                Arbitraries.integers());
    }

    @Provide
    Arbitrary<byte[]> nbtTexts() {
        return Mutations.of(Seeds.nbtTexts(), 300);
    }

    @Provide
    Arbitrary<byte[]> chatBodies() {
        List<byte[]> seeds = new ArrayList<>(Seeds.chatBodies());
        seeds.addAll(Seeds.serverboundChatBodies());
        return Mutations.of(seeds, 200);
    }

    @Provide
    Arbitrary<Integer> protocolVersions() {
        return Arbitraries.oneOf(Arbitraries.of(IntStream.of(Seeds.VERSIONS).boxed().toList()),
                Arbitraries.integers().between(0, 1000));
    }
}
