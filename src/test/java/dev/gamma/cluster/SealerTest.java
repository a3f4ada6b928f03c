package dev.gamma.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gamma.config.ClusterSecrets;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class SealerTest {
    static final String A = "secret-A-0123456789abcdefghijklmnopqrstuv";
    static final String B = "secret-B-0123456789abcdefghijklmnopqrstuv";
    private static final byte[] PLAYER = "{\"name\":\"Steve\",\"address\":\"203.0.113.9:50000\"}"
            .getBytes(StandardCharsets.UTF_8);

    static Sealer sealer(String... secrets) {
        return new Sealer(new Keyring(new ClusterSecrets(List.of(secrets)), "gamma"), new SecureRandom());
    }

    @Test
    void aSealedValueOpensOnAnyNodeWithTheSecretAndRevealsNothing() throws Exception {
        byte[] sealed = sealer(A).seal("gamma-players", "n1-1", PLAYER);
        assertThat(sealer(A).open("gamma-players", "n1-1", sealed)).isEqualTo(PLAYER);
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("Steve").doesNotContain("203.0.113");
        assertThat(sealed).hasSize(Sealer.HEADER_BYTES + PLAYER.length + 16);
    }

    @Test
    void aValueMovedToAnotherKeyOrMapDoesNotOpen() {
        Sealer sealer = sealer(A);
        byte[] sealed = sealer.seal("gamma-routes", "play.example.com", PLAYER);
        assertThatThrownBy(() -> sealer.open("gamma-routes", "lobby.example.com", sealed))
                .isInstanceOf(Sealer.Unsealable.class).hasMessageContaining("moved from another entry");
        assertThatThrownBy(() -> sealer.open("gamma-route-tombstones", "play.example.com", sealed))
                .isInstanceOf(Sealer.Unsealable.class);
        // the length prefixes keep "ab" + "c" apart from "a" + "bc"
        byte[] split = sealer.seal("ab", "c", PLAYER);
        assertThatThrownBy(() -> sealer.open("a", "bc", split)).isInstanceOf(Sealer.Unsealable.class);
    }

    @Test
    void anotherSecretNeitherOpensNorForges() {
        byte[] sealed = sealer(B).seal("gamma-players", "k", PLAYER);
        assertThatThrownBy(() -> sealer(A).open("gamma-players", "k", sealed))
                .isInstanceOf(Sealer.Unsealable.class).hasMessageContaining("a secret this node does not have");
    }

    @Property(tries = 300)
    void anyChangedByteIsRefused(@ForAll @IntRange(min = 0, max = 200) int position, @ForAll byte flip) {
        Sealer sealer = sealer(A);
        byte[] sealed = sealer.seal("gamma-players", "k", PLAYER);
        int at = position % sealed.length;
        byte xor = flip == 0 ? 1 : flip;
        sealed[at] ^= xor;
        assertThatThrownBy(() -> sealer.open("gamma-players", "k", sealed)).isInstanceOf(Sealer.Unsealable.class);
    }

    @Test
    void garbageOfAnyLengthIsRefusedWithAReason() {
        Sealer sealer = sealer(A);
        for (byte[] garbage : List.of(new byte[0], new byte[10], new byte[Sealer.HEADER_BYTES + 16],
                "{\"host\":\"play.example.com\",\"route\":{\"backend\":\"6.6.6.6:25565\"}}".getBytes())) {
            assertThatThrownBy(() -> sealer.open("gamma-routes", "play.example.com", garbage))
                    .isInstanceOf(Sealer.Unsealable.class).hasMessageNotContaining("Exception");
        }
    }

    @Test
    void duringARotationBothSecretsOpenAndTheChosenOneSeals() throws Exception {
        Sealer rotating = sealer(B, A);
        assertThat(rotating.open("m", "k", sealer(A).seal("m", "k", PLAYER))).isEqualTo(PLAYER);
        assertThat(rotating.open("m", "k", sealer(B).seal("m", "k", PLAYER))).isEqualTo(PLAYER);
        byte[] withNew = rotating.seal("m", "k", PLAYER);
        assertThatThrownBy(() -> sealer(A).open("m", "k", withNew)).isInstanceOf(Sealer.Unsealable.class);
        rotating.keyring().sealWith(rotating.keyring().keys().get(1));
        assertThat(sealer(A).open("m", "k", rotating.seal("m", "k", PLAYER))).isEqualTo(PLAYER);
    }

    @Test
    void noNodeRepeatsANonceUnderItsKeyAndNodesSealWithKeysOfTheirOwn() {
        Sealer one = sealer(A);
        Set<String> headers = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            byte[] sealed = one.seal("m", "k", PLAYER);
            headers.add(java.util.HexFormat.of().formatHex(sealed, 0, Sealer.HEADER_BYTES));
        }
        assertThat(headers).hasSize(1_000);
        byte[] first = one.seal("m", "k", PLAYER);
        byte[] second = sealer(A).seal("m", "k", PLAYER);
        assertThat(java.util.Arrays.copyOfRange(first, 5, 5 + Sealer.WRITER_BYTES))
                .isNotEqualTo(java.util.Arrays.copyOfRange(second, 5, 5 + Sealer.WRITER_BYTES));
    }
}
