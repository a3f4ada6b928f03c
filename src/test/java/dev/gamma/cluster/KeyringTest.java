package dev.gamma.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gamma.config.ClusterSecrets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyringTest {
    private static final HexFormat HEX = HexFormat.of();

    /** RFC 5869, appendix A.1 (test case 1). */
    @Test
    void hkdfMatchesTheRfcTestVector() {
        byte[] ikm = HEX.parseHex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b");
        byte[] salt = HEX.parseHex("000102030405060708090a0b0c");
        byte[] info = HEX.parseHex("f0f1f2f3f4f5f6f7f8f9");
        byte[] prk = Keyring.extract(salt, ikm);
        assertThat(HEX.formatHex(prk))
                .isEqualTo("077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5");
        assertThat(HEX.formatHex(Keyring.expand(prk, info, 42))).isEqualTo(
                "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
    }

    @Test
    void eachSecretAndClusterNameGivesOtherKeys() {
        Keyring a = new Keyring(new ClusterSecrets(List.of(SealerTest.A, SealerTest.B)), "gamma");
        Keyring again = new Keyring(new ClusterSecrets(List.of(SealerTest.A)), "gamma");
        Keyring otherCluster = new Keyring(new ClusterSecrets(List.of(SealerTest.A)), "other");
        assertThat(a.keys()).hasSize(2);
        assertThat(a.keys().get(0).id()).isEqualTo(again.keys().get(0).id()).isNotEqualTo(a.keys().get(1).id());
        assertThat(otherCluster.keys().get(0).id()).isNotEqualTo(again.keys().get(0).id());
        assertThat(a.sealing()).isEqualTo(a.keys().get(0));
        assertThat(a.byId(a.keys().get(1).id())).isEqualTo(a.keys().get(1));
        assertThat(a.byId(otherCluster.keys().get(0).id())).isNull();
    }
}
