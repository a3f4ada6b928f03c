package dev.gamma.relay;

import dev.gamma.pipeline.ConnectionInfo;
import dev.gamma.pipeline.NamedHandler;
import dev.gamma.route.Route;
import java.util.List;

/** The packet handlers a new connection gets: its route's, and any registered in code. */
@FunctionalInterface
public interface HandlerSource {
    HandlerSource NONE = (route, connection) -> List.of();

    List<NamedHandler> handlersFor(Route route, ConnectionInfo connection);
}
