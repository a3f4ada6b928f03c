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

    /** Go on, or refuse with the reason the player is shown. */
    record Admission(boolean allowed, String reason) {
        public static Admission ok() {
            return new Admission(true, "");
        }

        public static Admission refused(String reason) {
            return new Admission(false, reason);
        }
    }
}
