package dev.gamma.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gamma.protocol.Handshake;
import dev.gamma.protocol.LoginStart;
import dev.gamma.route.Backend;
import dev.gamma.route.FallbackStatus;
import dev.gamma.route.Maintenance;
import dev.gamma.route.Route;
import dev.gamma.route.RouteTable;
import dev.gamma.route.StatusPlayers;
import dev.gamma.route.Strategy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LoginChecksTest {
    private static final Route PLAY = route("play.test", "none");
    private static final Route FORWARDED = route("forwarded.test", "bungeecord");
    private static final RouteTable ROUTES = RouteTable.of(List.of(PLAY, FORWARDED));
    private static final ProxySettings SETTINGS = Connections.settings(8, 1024);
    private static final AntiBot NO_ANTI_BOT = new AntiBot(AntiBot.Settings.OFF, System::nanoTime);
    private static final LoginPolicy FULL = (route, player) -> LoginPolicy.Admission.refused("The server is full.");

    @ParameterizedTest(name = "{0}, name {1}, rate-limited {2}, full {3}: {4}")
    @CsvSource(nullValues = "null", value = {
        // the first check that fails is the answer
        "play.test,      Steve,     false, false, null",
        "play.test,      Steve,     true,  true,  RATE_LIMITED",
        "nowhere.test,   Steve,     false, true,  UNKNOWN_HOST",
        "nowhere.test,   bad name!, false, false, UNKNOWN_HOST",
        "forwarded.test, null,      false, true,  BAD_HANDSHAKE",
        "play.test,      null,      false, false, null",
        "play.test,      bad name!, false, true,  INVALID_NAME",
        "play.test,      Steve,     false, true,  REFUSED_BY_POLICY",
    })
    void theFirstFailingCheckDecides(String host, String name, boolean rateLimited, boolean full, Outcome refusal) {
        LoginChecks checks = new LoginChecks(ROUTES, full ? FULL : LoginPolicy.ALLOW_ALL, SETTINGS, NO_ANTI_BOT);

        LoginChecks.Decision decision = checks.decide(login(host, name), info(host, name), rateLimited);

        assertThat(decision.refusal() == null ? null : decision.refusal().outcome()).isEqualTo(refusal);
        if (refusal == null) {
            assertThat(decision.route()).isNotNull();
        }
    }

    @Test
    void aRateLimitedLoginIsToldToSlowDownBeforeItsHostIsEvenLookedUp() {
        LoginChecks.Decision decision = new LoginChecks(ROUTES, LoginPolicy.ALLOW_ALL, SETTINGS, NO_ANTI_BOT)
                .decide(login("play.test", "Steve"), info("play.test", "Steve"), true);
        assertThat(decision.route()).isNull();
        assertThat(decision.refusal().reason()).isEqualTo(ProxySettings.RATE_LIMITED_MESSAGE);
    }

    @Test
    void anUnknownHostIsToldWhichHostItAskedFor() {
        LoginChecks.Decision decision = new LoginChecks(ROUTES, LoginPolicy.ALLOW_ALL, SETTINGS, NO_ANTI_BOT)
                .decide(login("nowhere.test", "Steve"), info("nowhere.test", "Steve"), false);
        assertThat(decision.refusal().reason()).isEqualTo("No server at nowhere.test");
    }

    @Test
    void refusalsAfterTheLookupStillNameTheRouteForTheLog() {
        LoginChecks.Decision decision = new LoginChecks(ROUTES, FULL, SETTINGS, NO_ANTI_BOT)
                .decide(login("play.test", "Steve"), info("play.test", "Steve"), false);
        assertThat(decision.route()).isEqualTo(PLAY);
        assertThat(decision.refusal()).isEqualTo(
                new LoginChecks.Refusal("The server is full.", Outcome.REFUSED_BY_POLICY, ""));
    }

    @Test
    void thePolicyIsAskedWithTheRouteTheLoginWasGiven() {
        List<SessionInfo> asked = new ArrayList<>();
        LoginPolicy recording = (route, player) -> {
            asked.add(player);
            return LoginPolicy.Admission.ok();
        };
        new LoginChecks(ROUTES, recording, SETTINGS, NO_ANTI_BOT)
                .decide(login("play.test", "Steve"), info("play.test", "Steve"), false);
        assertThat(asked).singleElement().satisfies(player -> {
            assertThat(player.route()).isEqualTo("play.test");
            assertThat(player.username()).isEqualTo("Steve");
        });
    }

    @Test
    void antiBotModeAsksANewAddressToReconnectBeforeThePolicyCouldKickAPlayerOfTheSameName() {
        AntiBot antiBot = new AntiBot(new AntiBot.Settings(true, 1, Duration.ofSeconds(30), Duration.ofHours(1),
                Duration.ofSeconds(30), "please reconnect to verify"), System::nanoTime);
        antiBot.observe(10);
        List<SessionInfo> asked = new ArrayList<>();
        LoginPolicy recording = (route, player) -> {
            asked.add(player);
            return LoginPolicy.Admission.ok();
        };
        LoginChecks checks = new LoginChecks(ROUTES, recording, SETTINGS, antiBot);

        LoginChecks.Decision first = checks.decide(login("play.test", "Steve"), info("play.test", "Steve"), false);
        assertThat(first.refusal()).isEqualTo(
                new LoginChecks.Refusal("please reconnect to verify", Outcome.ANTI_BOT, "asked to reconnect: anti-bot mode"));
        assertThat(asked).isEmpty();
        assertThat(checks.decide(login("play.test", "Steve"), info("play.test", "Steve"), false).refusal()).isNull();
        assertThat(asked).hasSize(1);
    }

    @Test
    void maintenanceLetsInOnlyAllowedNamesAfterAntiBotAndBeforeThePolicy() {
        Route closed = PLAY.withMaintenance(new Maintenance(true, "", "Back at 6", List.of("Alice"), false));
        List<SessionInfo> asked = new ArrayList<>();
        LoginPolicy recording = (route, player) -> {
            asked.add(player);
            return LoginPolicy.Admission.ok();
        };
        LoginChecks checks = new LoginChecks(RouteTable.of(List.of(closed)), recording, SETTINGS, NO_ANTI_BOT);

        LoginChecks.Decision stranger = checks.decide(login("play.test", "Mallory"), info("play.test", "Mallory"), false);
        LoginChecks.Decision unread = checks.decide(login("play.test", null), info("play.test", null), false);
        assertThat(asked).isEmpty();
        LoginChecks.Decision staff = checks.decide(login("play.test", "aLiCe"), info("play.test", "aLiCe"), false);

        assertThat(stranger.refusal().outcome()).isEqualTo(Outcome.MAINTENANCE);
        assertThat(stranger.refusal().reason()).isEqualTo("Back at 6");
        assertThat(stranger.route()).isEqualTo(closed);
        assertThat(unread.refusal().outcome()).isEqualTo(Outcome.MAINTENANCE);
        assertThat(staff.refusal()).isNull();
        assertThat(asked).hasSize(1);
        assertThat(Outcome.MAINTENANCE.label).isEqualTo("maintenance");
    }

    @Test
    void antiBotAnswersBeforeMaintenance() {
        AntiBot antiBot = new AntiBot(new AntiBot.Settings(true, 1, Duration.ofSeconds(30), Duration.ofHours(1),
                Duration.ofSeconds(30), "please reconnect to verify"), System::nanoTime);
        antiBot.observe(10);
        Route closed = PLAY.withMaintenance(new Maintenance(true, "", "", List.of(), false));
        LoginChecks checks = new LoginChecks(RouteTable.of(List.of(closed)), LoginPolicy.ALLOW_ALL, SETTINGS, antiBot);

        assertThat(checks.decide(login("play.test", "Steve"), info("play.test", "Steve"), false).refusal().outcome())
                .isEqualTo(Outcome.ANTI_BOT);
        assertThat(checks.decide(login("play.test", "Steve"), info("play.test", "Steve"), false).refusal().reason())
                .isEqualTo(Maintenance.DEFAULT_MESSAGE);
    }

    private static Greeting.Login login(String host, String name) {
        Handshake handshake = new Handshake(769, host, 25565, Handshake.LOGIN);
        LoginStart start = name == null ? null : new LoginStart(name, UUID.nameUUIDFromBytes(name.getBytes()));
        return new Greeting.Login(handshake, start, handshake.encode().length);
    }

    private static SessionInfo info(String host, String name) {
        SessionInfo info = SessionInfo.of("203.0.113.9").withHandshake(host, 769);
        return name == null ? info : info.withPlayer(name, UUID.nameUUIDFromBytes(name.getBytes()));
    }

    private static Route route(String host, String forwarding) {
        return new Route(host, List.of(host), List.of(new Backend("127.0.0.1", 25566)), Strategy.FIRST, "none", "",
                0, Duration.ofSeconds(10), new FallbackStatus("", "", "", 0, 0), "down", List.of(), false,
                forwarding, false, StatusPlayers.BACKEND);
    }
}
