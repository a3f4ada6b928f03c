package dev.gamma.relay;

import dev.gamma.route.Route;

/**
 * A server-list ping for a route whose access list refuses the client's address is closed unanswered, as the
 * node's own list does at accept: a refused address learns nothing of the server, not even that it is up.
 */
final class RouteAccess {
    private RouteAccess() {}

    /** True when the ping was refused and the session ended. */
    static boolean closesPing(ClientSession session, Route route, String host, int protocol) {
        if (route == null || route.access().admits(session.info().clientAddress())) {
            return false;
        }
        session.update(session.info().withHandshake(host, protocol).withRoute(route.name()));
        session.client().close();
        session.services().metrics().accessDenied("route");
        session.end(Outcome.DENIED, "server-list ping closed unanswered: refused by the route's access list");
        return true;
    }
}
