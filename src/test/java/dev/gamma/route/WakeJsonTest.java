package dev.gamma.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class WakeJsonTest {
    private static final String BASE = "{\"host\":[\"a.test\"],\"backends\":[\"127.0.0.1:1\"],\"wake\":%s}";

    private static Route withWake(Wake wake) {
        Route r = RouteJson.decode("{\"host\":[\"a.test\"],\"backends\":[\"127.0.0.1:1\"]}");
        return r.withWake(wake);
    }

    @Test
    void everyKindSurvivesEncodeThenDecode() {
        List<Wake> wakes = List.of(
                new Wake(WakeAction.command(List.of("/opt/start", "a b", "ü")), Duration.ofSeconds(45),
                        Duration.ofMinutes(10), WakeAction.command(List.of("/opt/stop")), "zzz", "soon"),
                new Wake(WakeAction.http("https://hooks.example.com/wake?x=1"), Wake.DEFAULT_HOLD, Duration.ZERO, null,
                        "", ""),
                new Wake(WakeAction.docker("mc-1"), Wake.DEFAULT_HOLD, Duration.ofSeconds(2), null, "", ""),
                new Wake(WakeAction.command(List.of("/opt/start")), Duration.ofMillis(1500), Duration.ofSeconds(1),
                        WakeAction.http("http://127.0.0.1:9/sleep"), "", ""));
        for (Wake wake : wakes) {
            Route route = withWake(wake);
            Route back = RouteJson.decode(RouteJson.encode(route).encode());
            assertThat(back).isEqualTo(route);
        }
        assertThat(wakes.get(2).sleep()).as("a docker wake stops its container").isEqualTo(WakeAction.docker("mc-1"));
        assertThat(wakes.get(1).asleepMotd()).isEqualTo(Wake.DEFAULT_ASLEEP_MOTD);
    }

    @Test
    void aRouteWithoutWakeWritesNoKey() {
        Route route = RouteJson.decode("{\"host\":[\"a.test\"],\"backends\":[\"127.0.0.1:1\"]}");
        assertThat(route.wake()).isNull();
        assertThat(RouteJson.encode(route).containsKey("wake")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{}",
            "{\"command\":[\"/a\"],\"docker\":\"c\"}",
            "{\"command\":\"/bin/sh -c id\"}",
            "{\"command\":[]}",
            "{\"command\":[\"\"]}",
            "{\"command\":[\"/a\",5]}",
            "{\"command\":[\"/a\\u0000b\"]}",
            "{\"http\":\"file:///etc/passwd\"}",
            "{\"http\":\"http:///nohost\"}",
            "{\"docker\":\"../../etc\"}",
            "{\"docker\":\"c\",\"hold\":\"0s\"}",
            "{\"docker\":\"c\",\"hold\":30}",
            "{\"command\":[\"/a\"],\"sleep-after\":\"1m\"}",
            "{\"command\":[\"/a\"],\"sleep\":{}}",
            "{\"command\":[\"/a\"],\"sleep\":\"stop\"}",
            "{\"command\":[\"/a\"],\"shell\":true}",
            "{\"command\":[\"/a\"],\"sleep\":{\"docker\":\"c\",\"x\":1}}",
            "[1]",
    })
    void hostileOrWrongWakeValuesAreRefused(String wake) {
        assertThatThrownBy(() -> RouteJson.decode(String.format(BASE, wake)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("wake");
    }

    @Test
    void oversizedValuesAreRefused() {
        JsonObject tooManyArgs = new JsonObject().put("command", new JsonArray(Collections.nCopies(65, "x")));
        JsonObject longMotd = new JsonObject().put("docker", "c").put("asleep-motd", "m".repeat(1025));
        JsonObject longUrl = new JsonObject().put("http", "http://a/" + "p".repeat(2048));
        for (JsonObject wake : List.of(tooManyArgs, longMotd, longUrl)) {
            assertThatThrownBy(() -> RouteJson.decode(String.format(BASE, wake.encode())))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
