package dev.gamma.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LoginDisconnectTest {

    @Test
    void frameIsPacket0WithTheReasonAsChatJson() {
        WireReader body = new WireReader(Hex.body(LoginDisconnect.frame("Unknown host \"x\"")));
        assertThat(body.readVarInt()).isZero();
        assertThat(body.readString(1024)).isEqualTo("{\"text\":\"Unknown host \\\"x\\\"\"}");
        assertThat(body.remaining()).isZero();
    }

    @Test
    void frameHasTheKnownBytes() {
        assertThat(Hex.of(LoginDisconnect.frame("Hi")))
                .isEqualTo("0f 00 0d 7b 22 74 65 78 74 22 3a 22 48 69 22 7d");
    }
}
