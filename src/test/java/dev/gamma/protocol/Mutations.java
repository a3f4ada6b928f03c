package dev.gamma.protocol;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Inputs for the properties: valid encodings with one to four mutations (cut short, a byte overwritten, a bit
 * flipped, bytes inserted or removed, a range repeated, a troublesome sequence such as a six-byte VarInt
 * spliced in), and random bytes. Starting from valid input reaches far deeper into a decoder than random
 * bytes alone, which rarely get past the first length or id.
 */
final class Mutations {
    /** Sequences that break decoders: overlong, negative and extreme VarInts, bad UTF-8, a legacy ping start. */
    private static final List<byte[]> TROUBLE = List.of(
            Hex.bytes("80 80 80 80 80 80"), Hex.bytes("ff ff ff ff 0f"), Hex.bytes("ff ff ff ff 07"),
            Hex.bytes("80 80 80 80 08"), Hex.bytes("ff ff 7f"), Hex.bytes("80 80 80 01"), Hex.bytes("00"),
            Hex.bytes("7f"), Hex.bytes("80 01"), Hex.bytes("ff ff ff ff ff"), Hex.bytes("c3 28"),
            Hex.bytes("ed a0 80"), Hex.bytes("f4 90 80 80"), Hex.bytes("fe 01 fa"), Hex.bytes("ff ff ff ff"),
            Hex.bytes("7f ff ff ff"), Hex.bytes("80 00 00 00"), Hex.bytes("0a 0a 0a 0a 0a 0a 0a 0a"),
            Hex.bytes("09 09 00 00 7f ff"));

    /** SPLICE inserts and REPLACE overwrites with one of {@link #TROUBLE}; the others use random bytes. */
    private enum Kind { CUT, OVERWRITE, FLIP_BIT, INSERT, REMOVE, REPEAT, SPLICE, REPLACE }

    private record Mutation(Kind kind, int at, int length, byte[] bytes) {
        byte[] applyTo(byte[] in) {
            int n = in.length;
            int i = n == 0 ? 0 : Math.floorMod(at, n + 1);
            return switch (kind) {
                case CUT -> Arrays.copyOf(in, i);
                case OVERWRITE, REPLACE -> n == 0 ? bytes : overwrite(in, Math.min(i, n - 1), bytes);
                case FLIP_BIT -> {
                    if (n == 0) {
                        yield in;
                    }
                    byte[] out = in.clone();
                    out[Math.min(i, n - 1)] ^= (byte) (1 << (length & 7));
                    yield out;
                }
                case INSERT, SPLICE -> Seeds.concat(Arrays.copyOf(in, i), bytes, Arrays.copyOfRange(in, i, n));
                case REMOVE -> Seeds.concat(Arrays.copyOf(in, i), Arrays.copyOfRange(in, Math.min(n, i + length), n));
                case REPEAT -> Seeds.concat(Arrays.copyOf(in, Math.min(n, i + length)),
                        Arrays.copyOfRange(in, i, n));
            };
        }

        private static byte[] overwrite(byte[] in, int at, byte[] with) {
            byte[] out = in.clone();
            System.arraycopy(with, 0, out, at, Math.min(with.length, out.length - at));
            return out;
        }
    }

    private Mutations() {}

    /** Mostly mutated seeds; some seeds as they are, and some random bytes of up to {@code noiseBytes}. */
    static Arbitrary<byte[]> of(List<byte[]> seeds, int noiseBytes) {
        Arbitrary<byte[]> seed = Arbitraries.of(seeds);
        Arbitrary<byte[]> mutated = Combinators.combine(seed, mutation().list().ofMinSize(1).ofMaxSize(4))
                .as((valid, mutations) -> {
                    byte[] out = valid;
                    for (Mutation m : mutations) {
                        out = m.applyTo(out);
                    }
                    return out;
                });
        Arbitrary<byte[]> noise = Arbitraries.bytes().array(byte[].class).ofMaxSize(noiseBytes);
        return Arbitraries.frequencyOf(Tuple.of(8, mutated), Tuple.of(1, seed), Tuple.of(1, noise));
    }

    private static Arbitrary<Mutation> mutation() {
        Arbitrary<Kind> kind = Arbitraries.of(Kind.class);
        Arbitrary<Integer> at = Arbitraries.integers().between(0, 4096);
        Arbitrary<Integer> length = Arbitraries.integers().between(1, 64);
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(8);
        Arbitrary<byte[]> trouble = Arbitraries.of(TROUBLE);
        return Combinators.combine(kind, at, length, random, trouble)
                .as((k, a, l, r, t) -> new Mutation(k, a, l, k == Kind.SPLICE || k == Kind.REPLACE ? t : r));
    }
}
