package dev.gamma.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gamma.relay.SessionSnapshot.Stage;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SessionSnapshotTest {
    private static final UUID STEVE = UUID.fromString("8667ba71-b85a-4004-af54-457a9734eed7");

    @Test
    void anAcceptedConnectionIsKnownOnlyByItsAddress() {
        SessionSnapshot accepted = SessionSnapshot.accepted("203.0.113.9");
        assertThat(accepted.info()).isEqualTo(new SessionInfo("203.0.113.9", "-", "-", "-", null, null, -1));
        assertThat(accepted.stage()).isEqualTo(Stage.GREETING);
        assertThat(accepted.relaying()).isFalse();
        assertThat(accepted.encrypted()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Stage.class)
    void onlyARelayingSessionIsAPlayer(Stage stage) {
        assertThat(SessionSnapshot.accepted("203.0.113.9").at(stage).relaying()).isEqualTo(stage == Stage.RELAYING);
    }

    @Test
    void aChangeMakesANewSnapshotAndLeavesTheOneReadersHoldAsItWas() {
        SessionSnapshot connecting = SessionSnapshot.accepted("203.0.113.9")
                .with(SessionInfo.of("203.0.113.9").withHandshake("play.test", 769).withPlayer("Steve", STEVE)
                        .withRoute("play.test"))
                .at(Stage.CONNECTING);

        SessionSnapshot relaying = connecting.with(connecting.info().withBackend("127.0.0.1:25566"))
                .at(Stage.RELAYING);
        SessionSnapshot encrypted = relaying.encrypted(true);

        assertThat(connecting.info().backend()).isEqualTo("-");
        assertThat(connecting.stage()).isEqualTo(Stage.CONNECTING);
        assertThat(relaying.encrypted()).isFalse();
        assertThat(encrypted.info()).isEqualTo(new SessionInfo(
                "203.0.113.9", "play.test", "play.test", "127.0.0.1:25566", "Steve", STEVE, 769));
        assertThat(encrypted.stage()).isEqualTo(Stage.RELAYING);
        assertThat(encrypted.encrypted()).isTrue();
        assertThat(encrypted.at(Stage.ENDED).encrypted()).as("an ended session stays reported as it was").isTrue();
    }
}
