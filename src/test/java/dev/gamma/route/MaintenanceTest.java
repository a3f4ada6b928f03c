package dev.gamma.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gamma.protocol.LegacyStatus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class MaintenanceTest {
    private static final Maintenance ON = new Maintenance(true, "", "", List.of("Alice", "bob_2"), false);
    private static final String BACKEND = """
            {"version":{"name":"Paper 1.21.4","protocol":769},"players":{"max":100,"online":2},\
            "description":{"text":"A server"},"favicon":"data:image/png;base64,AAAA"}""";

    @Test
    void onlyAllowedNamesGetInWithoutRegardToCaseAndAnUnreadNameNever() {
        assertThat(ON.admits("alice")).isTrue();
        assertThat(ON.admits("BOB_2")).isTrue();
        assertThat(ON.admits("Mallory")).isFalse();
        assertThat(ON.admits("Alice ")).isFalse();
        assertThat(ON.admits(null)).isFalse();
        assertThat(Maintenance.OFF.admits("Mallory")).isTrue();
        assertThat(Maintenance.OFF.admits(null)).isTrue();
    }

    @Test
    void blankTextsShowTheDefaults() {
        assertThat(ON.shownMotd()).isEqualTo(Maintenance.DEFAULT_MOTD);
        assertThat(ON.shownMessage()).isEqualTo(Maintenance.DEFAULT_MESSAGE);
        Maintenance own = new Maintenance(true, "Back at 6", "Come back at 6", List.of(), false);
        assertThat(own.shownMotd()).isEqualTo("Back at 6");
        assertThat(own.shownMessage()).isEqualTo("Come back at 6");
    }

    @Test
    void aRouteInMaintenanceSurvivesTheRoutesJsonAndOneOutOfItWritesNoKey() {
        Route route = Routes.route("play.test", Routes.backend(1))
                .withMaintenance(new Maintenance(true, "§cBack\nsoon \"x\"", "bye\u0000", List.of("Alice"), true));

        JsonObject json = RouteJson.encode(route);

        assertThat(RouteJson.decode(json.encode())).isEqualTo(route);
        assertThat(json.getJsonObject("maintenance").getJsonArray("allow")).isEqualTo(new JsonArray().add("Alice"));
        assertThat(RouteJson.encode(Routes.route("play.test", Routes.backend(1))).containsKey("maintenance")).isFalse();
    }

    @Test
    void controlCharactersStayInsideTheirJsonStrings() {
        String hostile = "\"},\"enabled\":false,\"x\":{\"\u0000\u001b[2J\r\n";
        Maintenance maintenance = new Maintenance(true, hostile, hostile, List.of(), false);

        String text = MaintenanceJson.encode(maintenance).encode();

        assertThat(text).doesNotContain("\u0000").doesNotContain("\u001b").doesNotContain("\n");
        assertThat(MaintenanceJson.decode(new JsonObject(text))).isEqualTo(maintenance);
    }

    @Test
    void badValuesAreRefusedNamingTheKey() {
        assertRefused("{\"enabled\":\"yes\"}", "enabled: expected true or false, got \"yes\"");
        assertRefused("{\"allow\":\"Alice\"}", "allow: expected a list, got \"Alice\"");
        assertRefused("{\"allow\":[1]}", "allow[0]: expected a string, got 1");
        assertRefused("{\"allow\":[\"two words\"]}", "allow[0]: not a player name");
        assertRefused("{\"allow\":[\"\"]}", "allow[0]: not a player name");
        assertRefused("{\"allow\":[\"ThisNameIsFarTooLong\"]}", "allow[0]: not a player name");
        assertRefused("{\"motd\":\"" + "x".repeat(Maintenance.MAX_MOTD + 1) + "\"}", "motd: at most 256 characters");
        assertRefused("{\"message\":\"" + "x".repeat(Maintenance.MAX_MESSAGE + 1) + "\"}",
                "message: at most 1024 characters");
        assertRefused("{\"kick\":true}", "kick: unknown key");
    }

    @Test
    void anAllowListOverTheBoundIsRefused() {
        JsonObject huge = new JsonObject().put("allow", new JsonArray(Collections.nCopies(Maintenance.MAX_ALLOW + 1, "a")));
        assertThatThrownBy(() -> MaintenanceJson.decode(huge)).hasMessageContaining("allow: at most 1000 names");
        JsonObject most = new JsonObject().put("allow", new JsonArray(Collections.nCopies(Maintenance.MAX_ALLOW, "a")));
        assertThat(MaintenanceJson.decode(most).allow()).hasSize(Maintenance.MAX_ALLOW);
    }

    @Test
    void aSharedRouteWithABadMaintenanceIsRefusedWhole() {
        JsonObject route = RouteJson.encode(Routes.route("play.test", Routes.backend(1)))
                .put("maintenance", new JsonObject().put("allow", new JsonArray().add("no way")));
        assertThatThrownBy(() -> RouteJson.decode(route)).hasMessageStartingWith("maintenance.allow[0]: not a player");
    }

    @Test
    void theServerListShowsTheMaintenanceMotdAndARedVersionWhetherTheBackendAnswersOrNot() {
        Route route = Routes.route("play.test", Routes.backend(1))
                .withMaintenance(new Maintenance(true, "Back at 6", "", List.of(), false));
        StatusRewriter rewriter = new StatusRewriter(RoutePlayers.NONE);

        for (String shown : List.of(rewriter.answer(route, new StatusBody(BACKEND), 769), rewriter.fallback(route, 769))) {
            JsonObject status = new JsonObject(shown);
            assertThat(status.getJsonObject("version"))
                    .isEqualTo(new JsonObject().put("name", Maintenance.VERSION_NAME).put("protocol", -1));
            assertThat(status.getJsonObject("description").getString("text")).isEqualTo("Back at 6");
            LegacyStatus legacy = StatusJson.toLegacy(shown);
            assertThat(legacy.motd()).isEqualTo("Back at 6");
            assertThat(legacy.version()).isEqualTo(Maintenance.VERSION_NAME);
        }
        Route off = route.withMaintenance(Maintenance.OFF);
        assertThat(rewriter.answer(off, new StatusBody(BACKEND), 769)).isEqualTo(BACKEND);
    }

    private static void assertRefused(String json, String message) {
        assertThatThrownBy(() -> MaintenanceJson.decode(new JsonObject(json)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(message);
    }
}
