package dev.gamma.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AntiBotTest {
    private static final String ASK = "please reconnect to verify";
    private final AtomicLong now = new AtomicLong();
    private final AntiBot antiBot = new AntiBot(new AntiBot.Settings(true, 50, Duration.ofSeconds(30),
            Duration.ofHours(24), Duration.ofSeconds(30), ASK), now::get);

    @Test
    void offUntilTheNetworksRateOfLoginsPassesTheTrigger() {
        antiBot.observe(50);
        assertThat(antiBot.active()).isFalse();
        assertThat(antiBot.check("198.51.100.7")).isNull();
        antiBot.observe(50.5);
        assertThat(antiBot.active()).isTrue();
        assertThat(antiBot.check("198.51.100.7")).isEqualTo(ASK);
        assertThat(antiBot.refused()).isEqualTo(1);
    }

    @Test
    void aNewAddressIsAskedOnceAndItsReconnectWithinTheWindowPasses() {
        antiBot.observe(100);
        assertThat(antiBot.check("198.51.100.7")).isEqualTo(ASK);
        later(Duration.ofSeconds(3));
        assertThat(antiBot.check("198.51.100.7")).isNull();
        assertThat(antiBot.check("198.51.100.8")).isEqualTo(ASK);
        later(Duration.ofSeconds(31));
        assertThat(antiBot.check("198.51.100.8")).as("past the window: asked again").isEqualTo(ASK);
    }

    @Test
    void aBotThatReconnectsButNeverLogsInIsAskedAgainAndNeverTrusted() {
        antiBot.observe(100);
        antiBot.check("198.51.100.7");
        assertThat(antiBot.check("198.51.100.7")).isNull();
        assertThat(antiBot.check("198.51.100.7")).as("a pass is used up").isEqualTo(ASK);
        assertThat(antiBot.takeAdditions().trusted()).isEmpty();
    }

    @Test
    void anAddressWhoseLoginCompletedIsTrustedForTrustForEvenBeforeTheModeIsOn() {
        antiBot.completed("203.0.113.9");
        antiBot.observe(100);
        assertThat(antiBot.check("203.0.113.9")).isNull();
        assertThat(antiBot.check("203.0.113.9")).isNull();
        later(Duration.ofHours(25));
        antiBot.observe(100);
        assertThat(antiBot.check("203.0.113.9")).isEqualTo(ASK);
    }

    @Test
    void additionsAreHandedOutOnceAndOtherNodesAdditionsAreNotHandedOnAgain() {
        antiBot.observe(100);
        antiBot.check("198.51.100.7");
        antiBot.completed("203.0.113.9");
        AntiBot.Additions additions = antiBot.takeAdditions();
        assertThat(additions.pending()).containsExactly("198.51.100.7");
        assertThat(additions.trusted()).containsExactly("203.0.113.9");
        assertThat(antiBot.takeAdditions().pending()).isEmpty();

        antiBot.trustedElsewhere("192.0.2.1");
        antiBot.pendingElsewhere("192.0.2.2");
        assertThat(antiBot.check("192.0.2.1")).isNull();
        assertThat(antiBot.check("192.0.2.2")).as("asked on another node, reconnecting here").isNull();
        assertThat(antiBot.takeAdditions()).isEqualTo(new AntiBot.Additions(java.util.List.of(), java.util.List.of()));
    }

    @Test
    void additionsAndBooksAreBounded() {
        antiBot.observe(100);
        for (int i = 0; i < AntiBot.MAX_ADDRESSES + 10; i++) {
            antiBot.completed("10." + (i >> 16 & 0xFF) + "." + (i >> 8 & 0xFF) + "." + (i & 0xFF));
        }
        assertThat(antiBot.trustedAddresses()).isEqualTo(AntiBot.MAX_ADDRESSES);
        assertThat(antiBot.check("10.0.0.0")).as("the oldest was forgotten first").isEqualTo(ASK);
        assertThat(antiBot.check("10.0.0.20")).isNull();
        assertThat(antiBot.takeAdditions().trusted()).hasSize(AntiBot.MAX_ADDITIONS);
    }

    @Test
    void switchesOffOnlyOnceTheRateStayedAtOrBelowTheTriggerForTheCoolDown() {
        antiBot.observe(100);
        later(Duration.ofSeconds(20));
        antiBot.observe(10);
        later(Duration.ofSeconds(5));
        antiBot.observe(60);
        later(Duration.ofSeconds(29));
        antiBot.observe(10);
        assertThat(antiBot.active()).isTrue();
        later(Duration.ofSeconds(1));
        antiBot.observe(10);
        assertThat(antiBot.active()).isFalse();
        assertThat(antiBot.check("198.51.100.7")).isNull();
    }

    @Test
    void disabledItNeverSwitchesOnNorRecordsAnything() {
        antiBot.update(AntiBot.Settings.OFF);
        antiBot.observe(1_000_000);
        antiBot.completed("203.0.113.9");
        assertThat(antiBot.active()).isFalse();
        assertThat(antiBot.check("198.51.100.7")).isNull();
        assertThat(antiBot.trustedAddresses()).isZero();
    }

    @Test
    void loginsAreCountedUntilTaken() {
        antiBot.loginStarted();
        antiBot.loginStarted();
        assertThat(antiBot.takeLogins()).isEqualTo(2);
        assertThat(antiBot.takeLogins()).isZero();
    }

    private void later(Duration duration) {
        now.addAndGet(duration.toNanos());
    }
}
