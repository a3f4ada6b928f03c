package dev.gamma.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gamma.it.LogLines;
import dev.gamma.pipeline.ConnectionInfo;
import dev.gamma.pipeline.HandlerRegistry;
import dev.gamma.pipeline.NamedHandler;
import dev.gamma.route.Backend;
import dev.gamma.route.FallbackStatus;
import dev.gamma.route.Route;
import dev.gamma.route.StatusPlayers;
import dev.gamma.route.Strategy;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A route from the shared table (an API route) may name a handler this node lacks: its connections get the handlers
 * the node has, and the node says so once for the route as it is, not once for every login on it.
 */
class RouteHandlersTest {
    private static final ConnectionInfo CONNECTION = new ConnectionInfo(769, "Steve", UUID.randomUUID(), "10.0.0.7",
            "play.test");

    private final RouteHandlers handlers = new RouteHandlers(new HandlerRegistry());
    private final LogLines logs = new LogLines();

    @AfterEach
    void stopListening() {
        logs.close();
    }

    @Test
    void aMissingHandlerIsSaidOnceForTheRouteNotOnceForEveryLogin() {
        Route route = route(List.of("packet-stats", "anti-cheat"));
        for (int login = 0; login < 100; login++) {
            assertThat(handlers.forConnection(route, CONNECTION)).extracting(NamedHandler::name)
                    .containsExactly("packet-stats");
        }
        assertThat(warnings()).containsExactly("route play.test names handlers this node does not have; using"
                + " [packet-stats] (said once for the route's handlers as they are now)");

        handlers.forConnection(route(List.of("anti-cheat")), CONNECTION);
        assertThat(warnings()).as("said again once the route's handlers changed").hasSize(2);
    }

    private List<String> warnings() {
        return logs.of(RouteHandlers.class.getName());
    }

    private static Route route(List<String> names) {
        return new Route("play.test", List.of("play.test"), List.of(new Backend("127.0.0.1", 25566)), Strategy.FIRST,
                "none", "", 0, Duration.ofSeconds(10), new FallbackStatus("Server is offline", "", "", 0, 0), "down",
                names, false, "none", false, StatusPlayers.BACKEND);
    }
}
