package dev.gamma.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LoginStartTest {
    private static final UUID NOTCH = UUID.fromString("069a79f4-44e9-4726-a5be-fca90e38aaf5");
    private static final String NOTCH_HEX = "06 9a 79 f4 44 e9 47 26 a5 be fc a9 0e 38 aa f5";
    /** Packet id 0x00, then "Notch". */
    private static final String NAME = "00 05 4e 6f 74 63 68 ";

    @ParameterizedTest(name = "protocol {0}: {1}")
    @CsvSource({
        "47,  name only,                       ''",
        "758, name only,                       ''",
        "759, no signature,                    00",
        "759, signature,                       01 00 00 01 8f 00 00 00 00 02 aa bb 03 01 02 03",
        "760, no signature and no uuid,        00 00",
        "760, no signature and a uuid,         00 01 " + NOTCH_HEX,
        "760, signature and a uuid,            01 00 00 01 8f 00 00 00 00 01 aa 01 bb 01 " + NOTCH_HEX,
        "762, no uuid,                         00",
        "762, a uuid,                          01 " + NOTCH_HEX,
        "763, a uuid,                          01 " + NOTCH_HEX,
        "764, a uuid,                          " + NOTCH_HEX,
        "769, a uuid,                          " + NOTCH_HEX,
    })
    void decodeReadsEveryLayout(int protocol, String layout, String fields) {
        LoginStart login = LoginStart.decode(Hex.buf(NAME + fields), protocol);
        assertThat(login.name()).isEqualTo("Notch");
        assertThat(login.uuid()).isEqualTo(layout.endsWith("a uuid") ? NOTCH : null);
    }

    @ParameterizedTest(name = "protocol {0}")
    @CsvSource({"47, false", "758, false", "759, false", "760, true", "762, true", "763, true", "764, true", "769, true"})
    void loginStartRoundTripsWithUuidWhereTheLayoutHasOne(int protocol, boolean carriesUuid) {
        LoginStart sent = new LoginStart("Notch", NOTCH);
        LoginStart read = LoginStart.decode(Hex.body(sent.encode(protocol)), protocol);
        assertThat(read).isEqualTo(new LoginStart("Notch", carriesUuid ? NOTCH : null));
    }

    @ParameterizedTest(name = "protocol {0}")
    @ValueSource(ints = {47, 758, 759, 760, 762, 763})
    void loginStartRoundTripsWithoutUuid(int protocol) {
        LoginStart sent = new LoginStart("Notch", null);
        assertThat(LoginStart.decode(Hex.body(sent.encode(protocol)), protocol)).isEqualTo(sent);
    }

    @ParameterizedTest(name = "protocol {0}")
    @ValueSource(ints = {764, 769})
    void uuidIsRequiredFrom764(int protocol) {
        assertThatThrownBy(() -> new LoginStart("Notch", null).encode(protocol))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LoginStart.decode(Hex.buf(NAME), protocol))
                .isInstanceOf(ProtocolException.class)
                .hasMessageStartingWith("UUID truncated");
    }

    @Test
    void encodeWritesTheKnownLayoutFor760() {
        assertThat(Hex.of(new LoginStart("Notch", NOTCH).encode(760)))
                .isEqualTo("19 " + NAME + "00 01 " + NOTCH_HEX);
    }

    @Test
    void decodeRejectsOversizedSigningKey() {
        String key = "01 00 00 00 00 00 00 00 00 81 04"; // expiry, then a key length of 513
        assertThatThrownBy(() -> LoginStart.decode(Hex.buf(NAME + key), 759))
                .isInstanceOf(ProtocolException.class)
                .hasMessage("byte array of 513 bytes exceeds cap 512");
    }

    @Test
    void decodeRejectsOversizedSignature() {
        String signature = "01 00 00 00 00 00 00 00 00 00 81 20"; // expiry, empty key, signature length 4097
        assertThatThrownBy(() -> LoginStart.decode(Hex.buf(NAME + signature), 760))
                .isInstanceOf(ProtocolException.class)
                .hasMessage("byte array of 4097 bytes exceeds cap 4096");
    }

    @Test
    void decodeRejectsNameOverTheCap() {
        LoginStart longName = new LoginStart("x".repeat(LoginStart.MAX_NAME_BYTES + 1), null);
        assertThatThrownBy(() -> LoginStart.decode(Hex.body(longName.encode(47)), 47))
                .isInstanceOf(ProtocolException.class)
                .hasMessage("string of 65 bytes exceeds cap 64");
    }

    @Test
    void decodeRejectsOtherPacketIds() {
        assertThatThrownBy(() -> LoginStart.decode(Hex.buf("02 05 4e 6f 74 63 68"), 47))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("packet id 0x2");
    }

    @Test
    void decodeIgnoresFieldsAppendedByNewerVersions() {
        LoginStart login = LoginStart.decode(Hex.buf(NAME + NOTCH_HEX + " 2a 2a"), 9999);
        assertThat(login).isEqualTo(new LoginStart("Notch", NOTCH));
    }

    @Test
    void decodeDoesNotMoveTheBody() {
        var body = Hex.buf(NAME);
        LoginStart.decode(body, 47);
        assertThat(body.position()).isZero();
    }
}
