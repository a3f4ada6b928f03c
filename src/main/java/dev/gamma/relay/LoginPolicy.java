package dev.gamma.relay;

import dev.gamma.route.Route;

/**
 * Decides, before a backend is contacted, whether a login may go on (player limits, duplicate logins). It
 * must answer from local state at once: the connection path never waits on the cluster.
 */
@FunctionalInterface
public interface LoginPolicy {
    LoginPolicy ALLOW_ALL = (route, player) -> Admission.ok();

    Admission admit(Route route, SessionInfo player);

    /**
     * Go on, or refuse with the reason the player is shown. {@code settled} gives back what the policy set aside
     * for an admitted login (its place under a route's limit, its name), so that logins admitted at once count before
     * they are players: the node runs it once, when the player is counted in the registry or the session ended.
     */
    record Admission(boolean allowed, String reason, Runnable settled) {
        private static final Runnable NOTHING = () -> { };

        public static Admission ok() {
            return ok(NOTHING);
        }

        public static Admission ok(Runnable settled) {
            return new Admission(true, "", settled);
        }

        public static Admission refused(String reason) {
            return new Admission(false, reason, NOTHING);
        }
    }
}
