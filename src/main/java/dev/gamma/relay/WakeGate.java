package dev.gamma.relay;

import dev.gamma.route.Route;
import io.vertx.core.Future;

/**
 * Wakes the servers of routes with {@code wake}: a login for one that is asleep is held while it starts. Every
 * method answers at once; {@link #hold} completes later, on any thread.
 */
public interface WakeGate {
    WakeGate NONE = new WakeGate() {
        @Override
        public boolean asleep(Route route) {
            return false;
        }

        @Override
        public Future<Void> hold(Route route) {
            return Future.failedFuture("this route cannot be woken");
        }

        @Override
        public void abandon(Route route, Future<Void> hold) {}

        @Override
        public String motd(Route route) {
            return null;
        }
    };

    /** Known asleep or starting: a login need not try the backend first. */
    boolean asleep(Route route);

    /**
     * Has the route's server woken (once for the fleet) and succeeds when its backend accepts a connection; fails,
     * with the text the player reads, when it did not within the route's hold or too many logins are held already.
     */
    Future<Void> hold(Route route);

    /** The client of a {@link #hold} left before it completed: its place is free for another login. */
    void abandon(Route route, Future<Void> hold);

    /** The server-list MOTD while the route is asleep or starting, or null to answer as usual. */
    String motd(Route route);
}
